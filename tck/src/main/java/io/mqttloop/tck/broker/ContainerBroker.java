package io.mqttloop.tck.broker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A broker image run in Docker by Testcontainers: by default {@value #DEFAULT_IMAGE}, given a
 * configuration with one listener on port 1883 that lets anonymous clients in; or the image the
 * system property {@value #IMAGE_PROPERTY} names, such as {@code emqx/emqx:5.8} or
 * {@code hivemq/hivemq-ce}, which must accept anonymous MQTT 3.1.1 clients on its port 1883 as
 * it comes (EMQX and HiveMQ CE do). The container's port 1883 is published on a port Docker
 * picks, and the broker counts as started once the broker in the container listens and that
 * port accepts connections.
 *
 * <p>Where Docker runs on this machine, the port is published on 127.0.0.1 only and
 * {@link #host()} is {@code "127.0.0.1"}, as for the other brokers. Where Testcontainers reaches
 * Docker on another machine ({@code DOCKER_HOST=tcp://...}), or this JVM runs in a container
 * itself, a port on 127.0.0.1 would be out of reach: the port is then published on every
 * interface of the Docker host, and {@link #host()} is the address Testcontainers gives for that
 * host, which is what the client under test must connect to.
 *
 * <p>The first container of a JVM also starts Testcontainers' clean-up container, which removes
 * what the JVM leaves behind should it die before {@link #close()}.
 */
public final class ContainerBroker implements TestBroker {
  /** The system property naming the image to run, {@value #DEFAULT_IMAGE} when unset. */
  public static final String IMAGE_PROPERTY = "mqttloop.tck.broker.image";

  /** The image run when the system property {@value #IMAGE_PROPERTY} is not set. */
  public static final String DEFAULT_IMAGE = "eclipse-mosquitto:2.0";

  /** What eclipse-mosquitto 2.0 needs to accept remote clients without credentials. */
  private static final String MOSQUITTO_CONF = "listener 1883\nallow_anonymous true\n";

  private static final Logger LOG = LoggerFactory.getLogger(ContainerBroker.class);
  private static final int MQTT_PORT = 1883;
  private static final String MOSQUITTO_CONF_PATH = "/mosquitto/config/mosquitto.conf";

  /** Some brokers (EMQX among them) take many seconds to start on a small machine. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

  private final GenericContainer<?> container;
  private final String image;
  private final String host;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ContainerBroker(GenericContainer<?> container, String image, String host, int port) {
    this.container = container;
    this.image = image;
    this.host = host;
    this.port = port;
  }

  /**
   * Starts the image the system property {@value #IMAGE_PROPERTY} names, by default
   * {@value #DEFAULT_IMAGE}, and returns once its broker listens. Pulling the image the first
   * time may take a while.
   *
   * @throws BrokerStartException when Docker is not available ("Docker is not available: " and
   *     why), or the container does not start and listen within two minutes
   */
  public static ContainerBroker start() {
    return start(imageFromSystemProperty());
  }

  /**
   * Starts this image, such as {@code "eclipse-mosquitto:2.0"}, and returns once its broker
   * listens.
   *
   * @throws BrokerStartException when Docker is not available ("Docker is not available: " and
   *     why), or the container does not start and listen within two minutes
   */
  public static ContainerBroker start(String image) {
    DockerProbe.fromEnvironment().whyUnavailable().ifPresent(reason -> {
      throw new BrokerStartException("Docker is not available: " + reason);
    });
    return launch(image);
  }

  /**
   * The image the system property {@value #IMAGE_PROPERTY} names, or {@value #DEFAULT_IMAGE}
   * when it is not set or blank.
   */
  public static String imageFromSystemProperty() {
    String image = System.getProperty(IMAGE_PROPERTY, "");
    return image.isBlank() ? DEFAULT_IMAGE : image.strip();
  }

  /** Starts this image where Docker is known to be available. */
  static ContainerBroker launch(String image) {
    String dockerHost = DockerClientFactory.instance().dockerHostIpAddress();
    boolean local = isThisMachine(dockerHost);
    GenericContainer<?> container = container(image, local);
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      throw new BrokerStartException("the container of " + image + " did not start: " + e, e);
    }
    String host = local ? Loopback.HOST : dockerHost;
    ContainerBroker broker =
        new ContainerBroker(container, image, host, container.getMappedPort(MQTT_PORT));
    LOG.debug("started {}", broker);
    return broker;
  }

  /**
   * Whether Testcontainers' address for the Docker host is this machine: {@code localhost} or a
   * loopback address, told from the text alone, without asking a name server.
   */
  static boolean isThisMachine(String dockerHost) {
    if (dockerHost.equalsIgnoreCase("localhost")) {
      return true;
    }
    byte[] address = NetUtil.createByteArrayFromIpAddressString(dockerHost);
    try {
      return address != null && InetAddress.getByAddress(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The address to connect to: {@code "127.0.0.1"} where Docker runs on this machine, else the
   * Docker host's address as Testcontainers gives it.
   */
  @Override
  public String host() {
    return host;
  }

  /** The port Docker published the container's port 1883 on. */
  @Override
  public int port() {
    return port;
  }

  /** {@code "container:"} and the image, such as {@code "container:eclipse-mosquitto:2.0"}. */
  @Override
  public String kind() {
    return "container:" + image;
  }

  /** Stops and removes the container; Testcontainers waits until Docker has done so. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      container.stop();
      LOG.debug("stopped {}", this);
    }
  }

  @Override
  public String toString() {
    return "container of " + image + " on " + host + ":" + port;
  }

  /** The container, not yet started, of this image with its port, wait and configuration. */
  private static GenericContainer<?> container(String image, boolean local) {
    DockerImageName name = DockerImageName.parse(image);
    GenericContainer<?> container = new GenericContainer<>(name)
        .withExposedPorts(MQTT_PORT)
        .waitingFor(Wait.forListeningPort().withStartupTimeout(STARTUP_TIMEOUT));
    if (isMosquitto(name)) {
      container.withCopyToContainer(Transferable.of(MOSQUITTO_CONF), MOSQUITTO_CONF_PATH);
    }
    if (local) {
      container.withCreateContainerCmdModifier(ContainerBroker::publishOnLoopbackOnly);
    }
    return container;
  }

  /** Whether this is eclipse-mosquitto, from Docker Hub or from a mirror of it. */
  static boolean isMosquitto(DockerImageName image) {
    String repository = image.getRepository();
    return repository.equals("eclipse-mosquitto") || repository.endsWith("/eclipse-mosquitto");
  }

  /** Replaces Testcontainers' publishing on every interface by one port of 127.0.0.1. */
  private static void publishOnLoopbackOnly(CreateContainerCmd create) {
    PortBinding loopback =
        new PortBinding(Ports.Binding.bindIp(Loopback.HOST), ExposedPort.tcp(MQTT_PORT));
    create.getHostConfig().withPublishAllPorts(false).withPortBindings(loopback);
  }
}
