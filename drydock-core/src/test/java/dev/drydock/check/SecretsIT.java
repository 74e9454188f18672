package dev.drydock.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.check.baseline.Baseline;
import dev.drydock.check.secret.Secrets;
import dev.drydock.image.ImageSource;
import dev.drydock.image.layout.OciLayoutSource;
import dev.drydock.index.Analyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Finding;
import dev.drydock.index.IndexLimits;
import dev.drydock.index.IndexReport;
import dev.drydock.index.Indexer;
import dev.drydock.index.LayerCache;
import dev.drydock.index.ScanListener;
import dev.drydock.testing.Debootstrap;
import dev.drydock.testing.OciImageBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The false-positive control: the real Debian bookworm minbase root filesystem
 * ({@code .ci/debootstrap-rootfs.sh}) as a one-layer image, indexed with the secret and baseline
 * analyzers. It holds no credential, so the secret scanner must report nothing; its accounts are
 * all locked ({@code *}) and its setuid/setgid files are the expected ones, so the file baseline
 * items report nothing either. Only the image configuration, which this test writes like a plain
 * {@code FROM scratch; ADD rootfs.tar /} image, fails items: no USER, no HEALTHCHECK.
 */
class SecretsIT {

  @TempDir
  static Path tmp;

  private static IndexReport report;
  private static List<Finding> configFindings;

  @BeforeAll
  static void index() throws Exception {
    Path layout = tmp.resolve("layout");
    OciImageBuilder.image()
        .cmd("bash")
        .layer(OciImageBuilder.layerFromTar(Debootstrap.rootfsTar()).compression(OciImageBuilder.Compression.NONE)
            .createdBy("ADD rootfs.tar / # debootstrap --variant=minbase bookworm"))
        .writeTo(layout, "minbase");
    List<Analyzer> analyzers = new ArrayList<>(Baseline.analyzers());
    analyzers.addAll(Secrets.analyzers());
    try (ImageSource src = OciLayoutSource.directory(layout, "minbase", null)) {
      report = new Indexer(analyzers, LayerCache.NONE, IndexLimits.DEFAULT, 2).index(src, ScanListener.NONE);
      configFindings = Baseline.checkConfig(src.resolve().config());
    }
  }

  @Test
  void minbaseHasNoSecrets() {
    assertThat(report.findings()).filteredOn(f -> f.kind() == Finding.Kind.SECRET).isEmpty();
  }

  @Test
  void minbaseFilesPassTheBaseline() {
    // root and the system accounts are "*" (locked); the eleven setuid/setgid files
    // (su, passwd, chfn, chsh, gpasswd, newgrp, mount, umount; chage, expiry, unix_chkpwd) are expected.
    assertThat(report.findings()).filteredOn(f -> f.kind() == Finding.Kind.BASELINE).isEmpty();
  }

  @Test
  void theZeroIsNotVacuous() throws Exception {
    // What the baseline analyzers saw and passed: the setuid/setgid files and the locked accounts.
    java.util.Set<String> special = new java.util.TreeSet<>();
    String shadow = null;
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
        java.nio.file.Files.newInputStream(Debootstrap.rootfsTar()))) {
      for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.isFile() && (e.getMode() & 06000) != 0) {
          special.add(e.getName() + " " + Integer.toOctalString(e.getMode() & 07777));
        }
        if (e.getName().equals("etc/shadow")) {
          shadow = new String(tar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(special).containsExactly("usr/bin/chage 2755", "usr/bin/chfn 4755", "usr/bin/chsh 4755",
        "usr/bin/expiry 2755", "usr/bin/gpasswd 4755", "usr/bin/mount 4755", "usr/bin/newgrp 4755",
        "usr/bin/passwd 4755", "usr/bin/su 4755", "usr/bin/umount 4755", "usr/sbin/unix_chkpwd 2755");
    assertThat(shadow).isNotNull();
    assertThat(shadow.lines()).hasSize(18).allSatisfy(l -> assertThat(l.split(":")[1]).isEqualTo("*"));
  }

  @Test
  void reportIsComplete() {
    assertThat(report.diagnostics()).filteredOn(d -> d.kind() == Diagnostic.Kind.INCOMPLETE).isEmpty();
    assertThat(report.complete()).isTrue();
  }

  @Test
  void configOfARootfsImageRunsAsRootWithoutHealthcheck() {
    assertThat(configFindings).extracting(Finding::ruleId)
        .containsExactlyInAnyOrder("config_run_as_root", "config_no_healthcheck");
  }
}
