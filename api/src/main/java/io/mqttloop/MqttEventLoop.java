package io.mqttloop;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * One MQTT connection, driven as an event loop: it takes requests from a source at the pace the
 * broker and its limits allow, and completes each request's stage when the broker acknowledges it.
 *
 * <p>A loop runs on the executor it was made with and starts no thread of its own. Every method is
 * safe to call from any thread and returns at once. Stages complete on the loop's thread, so a
 * callback must not block; a {@code join} on that thread would wait for itself.
 *
 * <p>A loop lives through: {@link #connect()}, any number of {@link #run runs} one after another,
 * then a {@link Command.Disconnect}, a {@link Command.Shutdown}, a failed connect or a lost
 * connection, after which it is closed and its last state starts the next loop.
 */
public interface MqttEventLoop {

  /**
   * Opens the connection: TCP, then CONNECT, then the broker's CONNACK, all within the options'
   * connect timeout. Then resends what the initial state holds in flight, before any new request.
   *
   * <p>The stage completes with the accepted connection. It fails, and the loop closes, with:
   *
   * <ul>
   *   <li>{@link ConnectionRefusedException} when the broker refuses, with its return code;
   *   <li>{@link BrokerUnreachableException} when no network connection could be made;
   *   <li>{@link MqttConnectTimeoutException} when the whole exchange took too long;
   *   <li>{@link IllegalStateException} when connect was already called;
   *   <li>{@link MqttException} when the broker broke the protocol in its answer.
   * </ul>
   */
  CompletionStage<Connected> connect();

  /**
   * Runs {@code requests} through the connection: subscribes to the source, requests from it only
   * as much as the inflight window has room for, and sends each request in the source's order.
   *
   * <p>The source has its subscriber when this method returns, so that a publisher which drops
   * what it is offered while no one subscribes (such as {@code SubmissionPublisher}) can be
   * offered to at once.
   *
   * <p>The stage completes with {@link Outcome.Completed} once the source has completed and the
   * broker has acknowledged every request taken from it; the loop stays connected. A
   * {@link Command.Disconnect} or {@link Command.Shutdown} ends it early with their outcomes. It
   * fails with:
   *
   * <ul>
   *   <li>{@link ConnectionLostException} when the connection is lost, carrying the state;
   *   <li>{@link SourceFailedException} when the source signals an error, after every request
   *       already taken has been acknowledged, carrying the state;
   *   <li>{@link IllegalStateException} when the loop is not connected yet, or another run is
   *       going: such a run takes nothing from its source, whose requests stay the caller's;
   *   <li>{@link MqttClosedException} when the loop has closed.
   * </ul>
   */
  CompletionStage<Outcome> run(Flow.Publisher<? extends Request> requests);

  /**
   * Runs {@code requests} as {@link #run(Flow.Publisher)} does, within {@code deadline}: when the
   * run has not ended by then, the loop takes nothing more, sends DISCONNECT and closes, and the
   * stage fails with {@link MqttRunTimeoutException}, whose state holds every request not yet
   * acknowledged, in order. Their stages stay pending until a loop started from that state
   * finishes them. For callers that wait for a run with a timeout, so that nothing is left
   * behind unaccounted for.
   *
   * @throws IllegalArgumentException when {@code deadline} is not positive or over a day
   */
  CompletionStage<Outcome> run(Flow.Publisher<? extends Request> requests, Duration deadline);

  /**
   * Sends {@code command} to the loop. The stage completes once the command has taken effect, with
   * what the command documents, and fails with {@link MqttClosedException} when the loop had
   * already closed.
   */
  <R> CompletionStage<R> execute(Command<R> command);

  /**
   * The messages the broker delivers on the client's subscriptions, in the order they arrive,
   * with backpressure: the loop hands over only as many as the subscriber requested, holds about
   * {@link MqttOptions#maxBufferedMessages()} more, and stops reading from the broker beyond
   * that, which holds back acknowledgements of the client's own publishes too. It also stops
   * reading while the broker does not read what the client writes. Subscribe to it before sending
   * a {@link Subscribe}; subscribing before {@link #connect()} holds no thread.
   *
   * <p>One subscriber at a time; a second is refused with {@link IllegalStateException} through
   * its {@code onError}. Signals come on the loop's thread. It completes when the loop closes.
   * {@link Receivers#handle} makes a subscriber from a handler.
   */
  Flow.Publisher<Message> messages();

  /** The options the loop was made with. */
  MqttOptions options();
}
