package dev.drydock.check.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.check.baseline.crypt.CryptHashes;
import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shadow and passwd analyzers and the weak-password budget, beyond the fixtures. */
class ShadowAnalyzerTest {

  // openssl passwd -6 -salt saltsalt hunter2; mkpasswd -m sha512crypt -R 1000 of a random string
  private static final String SHA512_HUNTER2 =
      "$6$saltsalt$8iYtNHxjWRl.NF6oNZ5tF.iKFlQREaXBLlSmZKP6dy9l5z3vsooWNW0/GZ6Nej73/TFug6pIPSqbJoCT6dfnj.";
  private static final String SHA512_STRONG = "$6$rounds=1000$3sPosvQM9ygBX7jW$uz54andijtssWM1ytrypoTPLX/al7u7Xt8MfgcNJl2eiqczGZupGcci2eych5Suqp7eMa01xRimH/oJsKw5091";

  private static AnalysisResult shadow(String text) {
    return new ShadowAnalyzer().analyze("etc/shadow", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void wantsOnlyTheShadowFile() {
    ShadowAnalyzer a = new ShadowAnalyzer();
    assertThat(a.wants(FileEntry.regular("etc/shadow", 1))).isTrue();
    assertThat(a.wants(FileEntry.regular("etc/shadow-", 1))).isFalse();
    assertThat(a.wants(FileEntry.regular("usr/etc/shadow", 1))).isFalse();
    assertThat(new PasswdAnalyzer().wants(FileEntry.regular("etc/passwd", 1))).isTrue();
  }

  @Test
  void budgetStopsEarlyAndSaysHowFarItGot() {
    CryptHashes.Hash h = (CryptHashes.Hash) CryptHashes.parse(SHA512_STRONG);
    WeakPasswordCheck tight = new WeakPasswordCheck(List.of("a", "b", "c", "d"), 3 * h.cost(), Long.MAX_VALUE);
    assertThat(tight.check("svc", h)).isEqualTo(new WeakPasswordCheck.Partial(3, 6));
    WeakPasswordCheck file = new WeakPasswordCheck(List.of("a", "b", "c", "d"), Long.MAX_VALUE, 8 * h.cost());
    assertThat(file.check("one", h)).isEqualTo(new WeakPasswordCheck.NotFound(6));
    assertThat(file.check("two", h)).as("the file budget is shared by its accounts").isEqualTo(new WeakPasswordCheck.Partial(2, 6));
  }

  @Test
  void candidatesAreTheEmptyPasswordTheAccountNameThenTheList() {
    CryptHashes.Hash h = (CryptHashes.Hash) CryptHashes.parse(SHA512_HUNTER2);
    assertThat(new WeakPasswordCheck(List.of("x", "hunter2"), Long.MAX_VALUE, Long.MAX_VALUE).check("svc", h))
        .isEqualTo(new WeakPasswordCheck.Cracked("hunter2", "common password list", 4));
    assertThat(new WeakPasswordCheck(List.of("x"), Long.MAX_VALUE, Long.MAX_VALUE).check("hunter2", h))
        .isEqualTo(new WeakPasswordCheck.Cracked("hunter2", "account name", 2));
  }

  @Test
  void theBundledListIsOrderedAndSane() {
    List<String> common = WeakPasswordCheck.commonPasswords();
    assertThat(common).hasSize(270).doesNotHaveDuplicates().startsWith("root", "toor", "admin")
        .contains("123456", "password", "changeme", "docker", "P@ssw0rd").allSatisfy(p -> assertThat(p).isNotBlank());
  }

  @Test
  void debianDefaultYescryptFitsTheAccountBudget() {
    CryptHashes.Hash y = (CryptHashes.Hash) CryptHashes.parse(
        "$y$j9T$abcdefghijklmnop$7asOTx5b6Exfl3myM6K0pLBn.I2hsEvu7G0F7NMfaO.");
    assertThat(y.cost() * (WeakPasswordCheck.commonPasswords().size() + 2)).isLessThanOrEqualTo(WeakPasswordCheck.ACCOUNT_BUDGET);
  }

  @Test
  void diagnosticsNameTheAccountAndWhy() {
    AnalysisResult r = shadow("gost:$gy$j9T$LhrCp3.X1WfXJ7HrKxqhS1$QCmIdDZxJOpRH8DLwiN8t2lyeozQtbZzqS7EAuG.OJ.:1:0:99999:7:::\n"
        + "big:$y$jFT$E6QJILaYxheyZCvOsLQDj.$8jOKxjb0zf45PBLWBbSliRjWZfd7OMV4bH3u8LKwP65:1:0:99999:7:::\n");
    assertThat(r.findings()).isEmpty();
    assertThat(r.diagnostics()).extracting(Diagnostic::message).containsExactly(
        "account gost: password hash ($gy$) not checked for weak passwords: hash scheme $gy$ is not implemented",
        "account big: password hash (yescrypt) not checked for weak passwords: needs 1024 MiB per try, more than the 129 MiB this check allows");
    assertThat(r.diagnostics()).allSatisfy(d -> {
      assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
      assertThat(d.path()).isEqualTo("etc/shadow");
    });
  }

  @Test
  void oddLinesAreToleratedAndReported() {
    AnalysisResult r = shadow("# comment\r\n\r\nnoseparator\r\n+nisuser::0:0:::\r\nempty::1:0:99999:7:::\r\n:x:\r\nlast:*");
    assertThat(r.findings()).extracting(Finding::ruleId, Finding::line).containsExactly(
        org.assertj.core.groups.Tuple.tuple("account_empty_password", 5));
    assertThat(r.diagnostics()).extracting(Diagnostic::message)
        .containsExactly("line 3 is not a shadow entry (no name:password)", "line 6 is not a shadow entry (no name:password)");
  }

  @Test
  void garbageNeverThrows() {
    Random random = new Random(3);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[random.nextInt(4000)];
      random.nextBytes(junk);
      new ShadowAnalyzer().analyze("etc/shadow", junk);
      new PasswdAnalyzer().analyze("etc/passwd", junk);
    }
    // valid-looking structure with broken hashes
    String[] broken = {"$1$", "$5$rounds=$x$", "$6$" + "a".repeat(5000), "$y$" + "z".repeat(300) + "$a$b", "$7$", "$2b$",
        "$y$j75$$" + "a".repeat(43), "$y$jzzzzzzz$abc$" + "a".repeat(43), "$7$zzzzzzzzzzzzzz$" + "a".repeat(43)};
    for (String h : broken) {
      AnalysisResult r = shadow("u:" + h + ":1:0:99999:7:::\n");
      assertThat(r.findings()).as(h).isEmpty();
    }
  }

  @Test
  void passwdFindsUidZeroEmptyFieldsAndHashes() {
    String passwd = "root:x:0:0:root:/root:/bin/bash\n"
        + "toor:x:0:0::/root:/bin/sh\n"
        + "admin:x:00:0::/root:/bin/sh\n"
        + "guest::1001:1001::/home/guest:/bin/sh\n"
        + "locked:*:1002:1002::/:/usr/sbin/nologin\n"
        + "legacy:" + SHA512_HUNTER2 + ":1003:1003::/:/bin/sh\n"
        + "+::::::\n"
        + "broken\n";
    AnalysisResult r = new PasswdAnalyzer().analyze("etc/passwd", passwd.getBytes(StandardCharsets.UTF_8));
    List<String> got = new ArrayList<>();
    r.findings().forEach(f -> got.add(f.ruleId() + "@" + f.line() + ":" + f.attributes().get("account")));
    assertThat(got).containsExactly("account_extra_uid0@2:toor", "account_extra_uid0@3:admin", "account_empty_password@4:guest",
        "account_passwd_hash@6:legacy");
    assertThat(r.diagnostics()).extracting(Diagnostic::message).containsExactly("line 8 is not a passwd entry (name:password:UID…)");
  }

  @Test
  void durationsAreReadable() {
    assertThat(PasswordFieldCheck.duration(600)).isEqualTo("0.6 ms");
    assertThat(PasswordFieldCheck.duration(111_807)).isEqualTo("111 ms");
    assertThat(PasswordFieldCheck.duration(356_482_285_000L)).isEqualTo("356482 s");
  }
}
