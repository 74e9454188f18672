package dev.drydock.check.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.FileEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SudoersAnalyzerTest {

  private static List<String> keys(String sudoers) {
    return new SudoersAnalyzer().analyze("etc/sudoers", sudoers.getBytes(StandardCharsets.UTF_8)).findings()
        .stream().map(f -> f.ruleId() + "@" + f.line()).toList();
  }

  @ParameterizedTest
  @CsvSource({
      "etc/sudoers, true",
      "etc/sudoers.d/app, true",
      "etc/sudoers.d/90-cloud-init-users, true",
      "etc/sudoers.d/app.conf, false",
      "etc/sudoers.d/app~, false",
      "etc/sudoers.d/sub/app, false",
      "etc/sudoers.dist, false",
  })
  void wantsWhatSudoReads(String path, boolean wanted) {
    assertThat(new SudoersAnalyzer().wants(FileEntry.regular(path, 1))).isEqualTo(wanted);
  }

  @Test
  void nopasswdAllInItsUsualSpellings() {
    assertThat(keys("""
        app ALL=(ALL) NOPASSWD:ALL
        %admin ALL = (ALL : ALL) NOPASSWD: ALL
        ci   ALL=(root) NOPASSWD:SETENV: ALL
        alice hostA = NOPASSWD: ALL : hostB = /bin/ls
        bob ALL=(ALL) TIMEOUT=5m NOPASSWD: ALL
        """)).containsExactly("sudo_nopasswd_all@1", "sudo_nopasswd_all@2", "sudo_nopasswd_all@3", "sudo_nopasswd_all@4",
        "sudo_nopasswd_all@5");
  }

  @Test
  void passwordsRequiredOrCommandsLimitedAreNotReported() {
    assertThat(keys("""
        root ALL=(ALL:ALL) ALL
        %sudo ALL=(ALL:ALL) ALL
        app ALL=(root) NOPASSWD: /usr/bin/systemctl restart app
        ops ALL=(ALL) NOPASSWD: /bin/journalctl, PASSWD: ALL
        # nobody ALL=(ALL) NOPASSWD: ALL
        Cmnd_Alias ALLCMDS = ALL
        Defaults env_reset, !lecture
        """)).isEmpty();
  }

  @Test
  void continuationLinesAndCommentsAndIds() {
    assertThat(keys("deploy ALL=(root) NOPASSWD: /usr/bin/apt-get update, \\\n  ALL # any command\n#1001 ALL=NOPASSWD: ALL\n"))
        .containsExactly("sudo_nopasswd_all@1", "sudo_nopasswd_all@3");
    assertThat(SudoersAnalyzer.stripComment("#includedir /etc/sudoers.d")).isEqualTo("#includedir /etc/sudoers.d");
    assertThat(SudoersAnalyzer.stripComment("x ALL=ALL # c")).isEqualTo("x ALL=ALL ");
  }

  @Test
  void notAuthenticateDefaults() {
    assertThat(keys("Defaults !authenticate\nDefaults:ci  env_keep+=HOME, !authenticate\nDefaults authenticate\n"))
        .containsExactly("sudo_no_authenticate@1", "sudo_no_authenticate@2");
  }
}
