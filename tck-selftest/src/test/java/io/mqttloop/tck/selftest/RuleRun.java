package io.mqttloop.tck.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.mqttloop.tck.MqttEventLoopVerification;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * One rule of a verification class, run in a JUnit run of its own as an implementer's build runs
 * it. The run starts the shared broker the rule asks for and closes it as it ends; the rule's own
 * loops and scripted broker close after it, as after any rule.
 */
final class RuleRun {
  private final String rule;
  private final EngineExecutionResults results;
  private final List<String> leftRunning;

  private RuleRun(String rule, EngineExecutionResults results, List<String> leftRunning) {
    this.rule = rule;
    this.results = results;
    this.leftRunning = leftRunning;
  }

  /**
   * Runs the rule method named {@code rule} of {@code verification}, and returns once the run
   * has ended and closed all it started.
   */
  static RuleRun of(Class<? extends MqttEventLoopVerification> verification, String rule) {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(verification, rule))
        .execute();
    return new RuleRun(verification.getSimpleName() + "." + rule, results, childProcesses());
  }

  /**
   * What the rule failed with.
   *
   * @throws AssertionError when it did not run exactly once and fail: when it passed, was
   *     aborted or skipped, or the run itself failed
   */
  Throwable failure() {
    TestExecutionResult result = onlyResult();
    assertEquals(Status.FAILED, result.getStatus(),
        () -> rule + " should have failed, but it ended " + result);
    return result.getThrowable().orElseThrow();
  }

  /**
   * Asserts that the rule ran once and passed.
   *
   * @throws AssertionError when it did not run exactly once and pass, or the run itself failed
   */
  void assertPassed() {
    TestExecutionResult result = onlyResult();
    assertEquals(Status.SUCCESSFUL, result.getStatus(),
        () -> rule + " should have passed, but it ended " + result);
  }

  /** The result of the one run of the rule, once the run is seen to have ended clean. */
  private TestExecutionResult onlyResult() {
    Events tests = results.testEvents();
    assertEquals(0, tests.skipped().count(), () -> rule + " was skipped: " + tests.skipped());
    List<TestExecutionResult> finished = resultsOf(tests);
    assertEquals(1, finished.size(), () -> rule + " should have run once, but ended " + finished);
    List<TestExecutionResult> containers = resultsOf(results.containerEvents());
    assertEquals(List.of(), containers.stream()
        .filter(container -> container.getStatus() != Status.SUCCESSFUL).toList(),
        () -> "the run of " + rule + " failed around the rule");
    assertEquals(List.of(), leftRunning,
        () -> "the run of " + rule + " left processes of its own running");
    return finished.get(0);
  }

  /** The processes this JVM started that still run, such as a broker nobody closed. */
  private static List<String> childProcesses() {
    return ProcessHandle.current().children()
        .filter(ProcessHandle::isAlive)
        .map(child -> child.pid() + " " + child.info().commandLine().orElse("?"))
        .toList();
  }

  /** How each of {@code events} that finished ended. */
  private static List<TestExecutionResult> resultsOf(Events events) {
    return events.finished().stream()
        .map(event -> event.getRequiredPayload(TestExecutionResult.class))
        .toList();
  }
}
