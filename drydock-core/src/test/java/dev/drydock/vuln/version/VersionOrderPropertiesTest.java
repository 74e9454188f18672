package dev.drydock.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every comparator is a total preorder on valid versions: reflexive, antisymmetric and transitive.
 * Samples: the versions of the oracle tables, or versions generated from the scheme's grammar; the
 * sample is sorted and then every pair is checked against the sorted order (a non-transitive
 * comparator cannot pass that), and random triples are checked directly.
 */
class VersionOrderPropertiesTest {

  private static final int SAMPLE = 400;

  static Stream<Arguments> schemes() {
    return Stream.of(
        Arguments.of(DebianVersion.INSTANCE, fromTable("dpkg-oracle.tsv")),
        Arguments.of(RpmVersion.INSTANCE, fromTable("rpm-oracle.tsv")),
        Arguments.of(SemVerScheme.INSTANCE, fromTable("npm-semver-oracle.tsv")),
        Arguments.of(Pep440Version.INSTANCE, fromTable("pep440-oracle.tsv")),
        Arguments.of(RubyGemsVersion.INSTANCE, fromTable("rubygems-oracle.tsv")),
        Arguments.of(ComposerVersion.INSTANCE, fromTable("composer-oracle.tsv")),
        Arguments.of(ApkVersion.INSTANCE, generated(VersionOrderPropertiesTest::apk)),
        Arguments.of(NuGetVersion.INSTANCE, generated(VersionOrderPropertiesTest::nuget)),
        Arguments.of(MavenVersion.INSTANCE, generated(VersionOrderPropertiesTest::maven)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void isATotalPreorder(VersionScheme s, List<String> sample) throws Exception {
    assertThat(sample).hasSizeGreaterThanOrEqualTo(SAMPLE / 2);
    for (String v : sample) {
      assertThat(s.isValid(v)).as("sample \"%s\" valid", v).isTrue();
      assertThat(s.compare(v, v)).as("%s vs itself", v).isZero();
    }
    List<String> sorted = new ArrayList<>(sample);
    sorted.sort((a, b) -> unchecked(s, a, b));
    List<String> violations = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        String a = sorted.get(i);
        String b = sorted.get(j);
        int ab = Integer.signum(s.compare(a, b));
        int ba = Integer.signum(s.compare(b, a));
        if (ab != -ba) {
          violations.add("antisymmetry: " + a + " vs " + b + " = " + ab + ", reversed " + ba);
        }
        if (ab > 0) {
          violations.add("order: " + a + " sorted before " + b + " but compares greater");
        }
      }
    }
    Random rnd = new Random(42);
    for (int n = 0; n < 20_000; n++) {
      String a = sample.get(rnd.nextInt(sample.size()));
      String b = sample.get(rnd.nextInt(sample.size()));
      String c = sample.get(rnd.nextInt(sample.size()));
      if (s.compare(a, b) <= 0 && s.compare(b, c) <= 0 && s.compare(a, c) > 0) {
        violations.add("transitivity: " + a + " <= " + b + " <= " + c + " but " + a + " > " + c);
      }
    }
    assertThat(violations).as(s.name()).isEmpty();
  }

  private static int unchecked(VersionScheme s, String a, String b) {
    try {
      return s.compare(a, b);
    } catch (InvalidVersionException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> fromTable(String table) {
    List<String> all = OracleTables.versionsOf(table);
    Collections.shuffle(all, new Random(7));
    return all.subList(0, Math.min(SAMPLE, all.size()));
  }

  private static List<String> generated(Function<Random, String> gen) {
    Random rnd = new Random(11);
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    while (out.size() < SAMPLE) {
      out.add(gen.apply(rnd));
    }
    return new ArrayList<>(out);
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  private static String num(Random r) {
    return pick(r, "0", "1", "2", "9", "10", "01", "001", "0015", "20240101", "123456789012345678901234");
  }

  /** digit{.digit}…{letter}{_suf{#}}…{~hash}{-r#} */
  static String apk(Random r) {
    StringBuilder v = new StringBuilder(pick(r, "0", "1", "2", "10", "006"));
    for (int i = r.nextInt(4); i > 0; i--) {
      v.append('.').append(num(r));
    }
    if (r.nextInt(4) == 0) {
      v.append(pick(r, "a", "b", "z"));
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      v.append('_').append(pick(r, "alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p"));
      if (r.nextBoolean()) {
        v.append(num(r));
      }
    }
    if (r.nextInt(5) == 0) {
      v.append('~').append(pick(r, "1234", "abcd", "0a1b", "fff"));
    }
    if (r.nextBoolean()) {
      v.append("-r").append(pick(r, "0", "1", "2", "10"));
    }
    return v.toString();
  }

  static String nuget(Random r) {
    StringBuilder v = new StringBuilder(pick(r, "0", "1", "2", "10", "01"));
    for (int i = r.nextInt(4); i > 0; i--) {
      v.append('.').append(pick(r, "0", "1", "2", "10", "01", "2147483647"));
    }
    if (r.nextBoolean()) {
      v.append('-');
      for (int i = r.nextInt(3); i >= 0; i--) {
        v.append(pick(r, "alpha", "Alpha", "beta", "rc", "1", "2", "10", "01", "-1", "a-b", "zzz", "99999999999"));
        if (i > 0) {
          v.append('.');
        }
      }
    }
    if (r.nextInt(5) == 0) {
      v.append('+').append(pick(r, "build", "sha.1"));
    }
    return v.toString();
  }

  /**
   * Realistic Maven versions: numbers, then one {@code -qualifier[N]} (optionally -SNAPSHOT) or a
   * release marker. ComparableVersion itself is not transitive on stranger mixes (see MavenVersion).
   */
  static String maven(Random r) {
    StringBuilder v = new StringBuilder(pick(r, "0", "1", "2", "10"));
    for (int i = r.nextInt(4); i > 0; i--) {
      v.append('.').append(pick(r, "0", "1", "2", "10"));
    }
    switch (r.nextInt(3)) {
      case 1 -> {
        v.append('-').append(pick(r, "alpha", "beta", "M", "rc", "RC", "CR", "sp", "jre", "android", "a", "b"));
        if (r.nextBoolean()) {
          v.append(pick(r, "", "-", ".")).append(pick(r, "1", "2", "10"));
        }
        if (r.nextInt(4) == 0) {
          v.append("-SNAPSHOT");
        }
      }
      case 2 -> v.append(pick(r, ".Final", ".RELEASE", "-GA", "-SNAPSHOT", ".GA"));
      default -> { }
    }
    return v.toString();
  }
}
