package io.mqttloop;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/** Ready-made subscribers for {@link MqttEventLoop#messages()}. */
public final class Receivers {
  private Receivers() {}

  /**
   * A subscriber that hands each message to {@code handler}, one at a time: it asks for the next
   * message only once the handler has returned, so a slow handler holds the broker back rather
   * than filling memory. The handler runs on the loop's thread and must not block; it may publish
   * through a run's source. An exception it throws goes to the thread's uncaught exception
   * handler, and delivery goes on; with automatic acknowledgement the message counts as handed
   * over. A refusal of the subscriber (a second one, say) goes there too.
   */
  public static Flow.Subscriber<Message> handle(Consumer<? super Message> handler) {
    Objects.requireNonNull(handler, "handler");
    return new Flow.Subscriber<>() {
      private Flow.Subscription subscription;

      @Override
      public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        subscription.request(1);
      }

      @Override
      public void onNext(Message message) {
        try {
          handler.accept(message);
        } catch (Throwable e) {
          reportUncaught(e);
        }
        subscription.request(1);
      }

      @Override
      public void onError(Throwable error) {
        reportUncaught(error);
      }

      @Override
      public void onComplete() {
        // Likewise: the loop closed, and its stages say why.
      }
    };
  }

  private static void reportUncaught(Throwable error) {
    Thread current = Thread.currentThread();
    current.getUncaughtExceptionHandler().uncaughtException(current, error);
  }
}
