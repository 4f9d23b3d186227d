package io.mqttloop;

import static io.mqttloop.Refusals.assertRefusedNaming;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  private static final byte[] PASSWORD = "hunter2".getBytes(StandardCharsets.UTF_8);

  @Test
  void credentialsHaveNoPublicConstructor() {
    assertEquals(0, Credentials.class.getConstructors().length);
  }

  @Test
  void everyPublicFactoryTakesAUserNameFirst() {
    List<Method> factories = publicFactories();

    assertFalse(factories.isEmpty());
    for (Method factory : factories) {
      assertEquals(String.class, factory.getParameterTypes()[0], factory.toString());
    }
  }

  @Test
  void everyPublicFactoryRefusesAMissingUserName() {
    for (Method factory : publicFactories()) {
      Object[] arguments = new Object[factory.getParameterCount()];
      Arrays.fill(arguments, 1, arguments.length, PASSWORD);

      InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
          () -> factory.invoke(null, arguments), factory.toString());
      assertInstanceOf(NullPointerException.class, thrown.getCause(), factory.toString());
      assertEquals("username", thrown.getCause().getMessage(), factory.toString());
    }
  }

  @Test
  void theOptionsTakeAPasswordOnlyInsideCredentials() {
    List<String> passwordSetters = Arrays.stream(MqttOptions.Builder.class.getMethods())
        .map(Method::getName)
        .filter(name -> name.toLowerCase(Locale.ROOT).contains("password"))
        .collect(Collectors.toList());

    assertEquals(List.of(), passwordSetters);
  }

  @Test
  void aPasswordAlwaysComesWithItsUserName() {
    Credentials credentials = Credentials.of("alice", PASSWORD);

    assertEquals("alice", credentials.username());
    assertArrayEquals(PASSWORD, credentials.password());
  }

  @Test
  void aUserNameMayComeWithoutAPassword() {
    assertNull(Credentials.of("alice").password());
  }

  @Test
  void aUserNameThatIsNotAValidMqttStringIsRefused() {
    assertRefusedNaming("username", "al\uD800ice", "lone surrogate",
        () -> Credentials.of("al\uD800ice", PASSWORD));
  }

  private static List<Method> publicFactories() {
    return Arrays.stream(Credentials.class.getMethods())
        .filter(method -> Modifier.isStatic(method.getModifiers()))
        .filter(method -> method.getReturnType() == Credentials.class)
        .collect(Collectors.toList());
  }
}
