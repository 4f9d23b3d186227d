package io.mqttloop.tck.broker;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit extension that gives every test class of a run one broker, started by
 * {@link Brokers#start()} when a test first asks for it and closed when the whole run ends.
 * A test class registers it with {@code @ExtendWith(SharedBroker.class)} and declares a
 * {@link TestBroker} parameter on a constructor, a test method or a lifecycle method; or a
 * {@link TransportBroker} parameter, for a broker serving TLS and WebSocket too.
 *
 * <p>The broker lives in the store of JUnit's root context, which closes it as an
 * {@link AutoCloseable} (JUnit 5.13 and later, unless
 * {@code junit.jupiter.extensions.store.close.autocloseable.enabled} is false). A broker that
 * fails to start fails every test that asks for it, with the same exception.
 */
public final class SharedBroker implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedBroker.class);

  /** Registered through {@code @ExtendWith}; holds no state of its own. */
  public SharedBroker() {
  }

  /**
   * The broker shared by every test of the run this context belongs to, started on first use.
   *
   * @throws BrokerStartException when the broker does not start
   */
  public static TestBroker broker(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(TestBroker.class, key -> Brokers.start(), TestBroker.class);
  }

  /**
   * The broker of every transport shared by the run this context belongs to; it starts when a
   * test first asks it for its broker.
   */
  public static TransportBroker transportBroker(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(TransportBroker.class,
        key -> new TransportBroker(), TransportBroker.class);
  }

  /** Resolves parameters declared as {@link TestBroker} or {@link TransportBroker}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestBroker.class || type == TransportBroker.class;
  }

  /** The shared broker asked for, the {@link TestBroker} started on first use. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestBroker.class ? broker(context)
        : transportBroker(context);
  }
}
