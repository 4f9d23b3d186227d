package io.mqttloop.tck.proxy;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up each connection the proxy accepts: refuses it with a reset while refusals are on, and
 * otherwise links it to a new connection to the target in force.
 */
final class Acceptor extends ChannelInitializer<SocketChannel> {
  private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);

  private final Faults faults;
  private final Links links;

  Acceptor(Faults faults, Links links) {
    this.faults = faults;
    this.links = links;
  }

  @Override
  protected void initChannel(SocketChannel client) {
    int index = links.nextIndex();
    if (faults.refusing()) {
      LOG.debug("connection #{} from {}: refused", index, client.remoteAddress());
      links.addRefused();
      client.config().setSoLinger(0);
      client.close();
      return;
    }
    LOG.debug("connection #{} from {}: accepted", index, client.remoteAddress());
    NioSocketChannel target = new NioSocketChannel();
    target.config().setAutoRead(false);
    target.config().setOption(ChannelOption.SO_RCVBUF, FaultProxy.RECEIVE_BUFFER_BYTES);
    target.config().setTcpNoDelay(true);
    Link link = new Link(index, client, target, faults, links::signal);
    links.add(link);
    link.connect(faults.target());
  }
}
