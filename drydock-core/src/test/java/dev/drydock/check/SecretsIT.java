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
