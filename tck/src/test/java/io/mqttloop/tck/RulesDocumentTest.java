package io.mqttloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Keeps RULES.md honest: it has a section for every rule of every verification class, under its
 * class, and names no rule that does not exist; every rule is named {@code required_} or
 * {@code optional_}.
 */
class RulesDocumentTest {
  private static final Pattern RULE_NAME = Pattern.compile("\\b(?:required|optional)_\\w+");
  private static final Pattern CLASS_HEADING = Pattern.compile("## (\\w+Verification)");
  private static final Pattern RULE_HEADING = Pattern.compile("### (\\w+)");
  private static final String SOURCES = "src/main/java/io/mqttloop/tck";

  private static Map<String, Set<String>> rulesByClass;
  private static String document;

  @BeforeAll
  static void readTheRulesAndTheDocument() throws Exception {
    rulesByClass = new LinkedHashMap<>();
    for (Class<?> verification : verificationClasses()) {
      Set<String> rules = new TreeSet<>();
      for (Method method : verification.getDeclaredMethods()) {
        if (isRule(method)) {
          rules.add(method.getName());
        }
      }
      rulesByClass.put(verification.getSimpleName(), rules);
    }
    document = Files.readString(moduleDirectory().resolve("RULES.md"));
  }

  @Test
  void everyTestOfAVerificationClassIsNamedRequiredOrOptional() throws Exception {
    List<String> misnamed = new ArrayList<>();
    for (Class<?> verification : verificationClasses()) {
      for (Method method : verification.getDeclaredMethods()) {
        if (AnnotationSupport.isAnnotated(method, Testable.class) && !isRuleName(method)) {
          misnamed.add(verification.getSimpleName() + "." + method.getName());
        }
      }
    }

    assertEquals(List.of(), misnamed, "tests whose name starts with neither required_ nor"
        + " optional_");
  }

  @Test
  void everyMethodNamedLikeARuleIsAPublicTest() throws Exception {
    List<String> notRun = new ArrayList<>();
    for (Class<?> verification : verificationClasses()) {
      for (Method method : verification.getDeclaredMethods()) {
        if (isRuleName(method) && !isRule(method)) {
          notRun.add(verification.getSimpleName() + "." + method.getName());
        }
      }
    }

    assertEquals(List.of(), notRun, "methods named like rules that JUnit does not run as tests");
  }

  @Test
  void eachClassHasASectionListingExactlyItsRules() {
    Map<String, Set<String>> documented = sectionsOfTheDocument();

    for (Map.Entry<String, Set<String>> verification : rulesByClass.entrySet()) {
      Set<String> listed = documented.getOrDefault(verification.getKey(), Set.of());
      Set<String> missing = new TreeSet<>(verification.getValue());
      missing.removeAll(listed);
      Set<String> extra = new TreeSet<>(listed);
      extra.removeAll(verification.getValue());
      assertEquals(Set.of(), missing, "rules of " + verification.getKey()
          + " without a section under \"## " + verification.getKey() + "\" in RULES.md");
      assertEquals(Set.of(), extra, "sections under \"## " + verification.getKey()
          + "\" in RULES.md for no rule of that class");
    }
  }

  @Test
  void theDocumentHasASectionOnlyForClassesThatExist() {
    Set<String> unknown = new TreeSet<>(sectionsOfTheDocument().keySet());
    unknown.removeAll(rulesByClass.keySet());

    assertEquals(Set.of(), unknown, "sections of RULES.md for no verification class");
  }

  @Test
  void theDocumentNamesNoRuleThatDoesNotExist() {
    Set<String> every = new TreeSet<>();
    rulesByClass.values().forEach(every::addAll);
    Set<String> unknown = new TreeSet<>();
    Matcher named = RULE_NAME.matcher(document);
    while (named.find()) {
      if (!every.contains(named.group())) {
        unknown.add(named.group());
      }
    }

    assertFalse(every.isEmpty(), "no rule found in " + SOURCES);
    assertEquals(Set.of(), unknown, "RULES.md names rules that do not exist");
  }

  @Test
  void theBaseClassHasNoRuleOfItsOwn() {
    assertTrue(rulesByClass.get("MqttEventLoopVerification").isEmpty(),
        "a rule in the base class would run in every verification class");
  }

  /** The rule names under each "## ...Verification" heading, from its "### " headings. */
  private static Map<String, Set<String>> sectionsOfTheDocument() {
    Map<String, Set<String>> sections = new LinkedHashMap<>();
    @Nullable Set<String> current = null;
    for (String line : document.lines().toList()) {
      Matcher verification = CLASS_HEADING.matcher(line);
      Matcher rule = RULE_HEADING.matcher(line);
      if (verification.matches()) {
        current = sections.computeIfAbsent(verification.group(1), name -> new TreeSet<>());
      } else if (line.startsWith("## ")) {
        current = null;
      } else if (current != null && rule.matches()) {
        current.add(rule.group(1));
      }
    }
    return sections;
  }

  /** Every class of the TCK's main package whose name ends in Verification, the base too. */
  private static List<Class<?>> verificationClasses() throws IOException, ClassNotFoundException {
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.list(moduleDirectory().resolve(SOURCES))) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith("Verification.java")) {
          String simpleName = name.substring(0, name.length() - ".java".length());
          classes.add(Class.forName(RulesDocumentTest.class.getPackageName() + "." + simpleName));
        }
      }
    }
    return classes;
  }

  /** The tck module's folder: Surefire's basedir, or the working directory, where it runs. */
  private static Path moduleDirectory() {
    return Path.of(System.getProperty("basedir", ""));
  }

  private static boolean isRule(Method method) {
    return isRuleName(method) && Modifier.isPublic(method.getModifiers())
        && AnnotationSupport.isAnnotated(method, Testable.class);
  }

  private static boolean isRuleName(Method method) {
    return method.getName().startsWith("required_") || method.getName().startsWith("optional_");
  }
}
