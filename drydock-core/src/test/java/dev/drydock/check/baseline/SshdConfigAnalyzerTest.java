package dev.drydock.check.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.FileEntry;
import dev.drydock.index.Finding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshdConfigAnalyzerTest {

  private static List<String> keys(String config) {
    return new SshdConfigAnalyzer().analyze("etc/ssh/sshd_config", config.getBytes(StandardCharsets.UTF_8)).findings()
        .stream().map(f -> f.ruleId() + "@" + f.line()).toList();
  }

  @ParameterizedTest
  @CsvSource({
      "etc/ssh/sshd_config, true",
      "etc/ssh/sshd_config.d/10-custom.conf, true",
      "etc/ssh/sshd_config.d/10-custom.conf.bak, false",
      "etc/ssh/sshd_config.d/sub/x.conf, false",
      "etc/ssh/ssh_config, false",
      "usr/share/openssh/sshd_config, false",
  })
  void wants(String path, boolean wanted) {
    assertThat(new SshdConfigAnalyzer().wants(FileEntry.regular(path, 1))).isEqualTo(wanted);
  }

  @Test
  void keywordsIgnoreCaseValuesMayBeQuotedOrFollowAnEqualsSign() {
    assertThat(keys("permitrootlogin YES\nPasswordAuthentication=\"yes\"\nPermitEmptyPasswords = yes # legacy kiosk\n"))
        .containsExactly("ssh_permit_root_login@1", "ssh_password_authentication@2", "ssh_permit_empty_passwords@3");
  }

  @Test
  void saferValuesAreNotReported() {
    assertThat(keys("PermitRootLogin prohibit-password\nPermitRootLogin yes\n")).isEmpty();
    assertThat(keys("PermitRootLogin without-password\nPermitRootLogin forced-commands-only\n")).isEmpty();
    assertThat(keys("#PermitRootLogin yes\n  # PasswordAuthentication yes\n")).isEmpty();
    assertThat(keys("PasswordAuthentication\nPermitRootLogin\n")).as("a keyword without value").isEmpty();
  }

  @Test
  void eachMatchBlockHasItsOwnFirstValue() {
    assertThat(keys("PasswordAuthentication no\nMatch User a\n PasswordAuthentication no\n PasswordAuthentication yes\n"
        + "Match all\n PasswordAuthentication yes\n")).containsExactly("ssh_password_authentication@6");
  }

  @Test
  void directivesAfterAnIncludeSayADropInMayOverrideThem() {
    Finding f = new SshdConfigAnalyzer().analyze("etc/ssh/sshd_config",
        "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\n".getBytes(StandardCharsets.UTF_8)).findings().get(0);
    assertThat(f.attributes()).containsEntry("after_include", "/etc/ssh/sshd_config.d/*.conf").containsEntry("class", "ssh");
    assertThat(f.evidence()).isEqualTo("PermitRootLogin yes");
    assertThat(f.level()).isEqualTo("high");
  }
}
