package dev.drydock.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.check.baseline.Baseline;
import dev.drydock.check.secret.ConfigRedaction;
import dev.drydock.check.secret.Secrets;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageSource;
import dev.drydock.image.layout.OciLayoutSource;
import dev.drydock.index.Analyzer;
import dev.drydock.index.Finding;
import dev.drydock.index.ImageInfo;
import dev.drydock.index.IndexLimits;
import dev.drydock.index.IndexReport;
import dev.drydock.index.Indexer;
import dev.drydock.index.LayerCache;
import dev.drydock.index.ScanListener;
import dev.drydock.scan.Ecosystems;
import dev.drydock.testing.OciImageBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret and baseline findings end to end: images built in the test, indexed with the package
 * analyzers plus {@link Baseline#analyzers()} and {@link Secrets#analyzers()}. Findings follow
 * their file through the layers (a whiteout, an opaque directory or a rewrite takes them away) and
 * no secret appears unmasked anywhere in the report's JSON. The tokens are random strings of the
 * right shape, not live credentials.
 */
class SecretAndBaselineIndexingTest {

  private static final String GITHUB = "ghp_Q7mZ2xK9pL4wN8vB3cR6tY1uH5jD0sFgAeIo";
  private static final String GITLAB = "glpat-Vb7Nq2Wm9Xc4Zr8Ts1Ly";
  private static final String NPM = "npm_Kd8Fh3Jq7Lw2Xp9Zm4Rc6Vt1Yb5Ns0GuEaIo";
  private static final String AWS_SECRET = "Gh3Kq8Lm2Np7Rs4Tv9Wx1Yz6Ab0Cd5Ef/Hj+Mo2P";
  private static final String DB_PASSWORD = "Tq4Wz8Lp2Mx7";
  // openssl passwd -6 -salt Rk2PqM7x changeme
  private static final String SHADOW_WEAK = "root:$6$Rk2PqM7x$BFO13NvxLJVLcRbfsdwQQxxo8ByRbH0RZSpgHt1vogmhybwbeKadwRUtEej1L.RlVvdkWeQV9u3zcPWKG2Umr0:20000:0:99999:7:::\n";
  private static final String KEY_BODY = "MIIEowIBAAKCAQEAu3Vq2T8xk9Lw4Zr7Nm1Pc6Ys0Hb5Jd8Fg2Kq4Lt9Xv3Wn7Re";

  @TempDir
  Path tmp;

  private static List<Analyzer> analyzers() {
    List<Analyzer> all = new ArrayList<>(Ecosystems.defaults());
    all.addAll(Baseline.analyzers());
    all.addAll(Secrets.analyzers());
    return all;
  }

  private IndexReport index(OciImageBuilder image) throws Exception {
    Path layout = tmp.resolve("layout-" + UUID.randomUUID());
    image.writeTo(layout, "t");
    try (ImageSource src = OciLayoutSource.directory(layout, "t", null)) {
      return new Indexer(analyzers(), LayerCache.NONE, IndexLimits.DEFAULT, 2).index(src, ScanListener.NONE);
    }
  }

  /** The report with its image configuration and layer commands redacted, as the indexer should store it. */
  static IndexReport redacted(IndexReport r) {
    ImageInfo i = r.image();
    ImageInfo masked = new ImageInfo(i.name(), i.reference(), i.manifestDigest(), i.indexDigest(), i.mediaType(),
        i.configDigest(), i.platform(), Secrets.redact(i.config()), i.layers().stream()
            .map(l -> new ImageInfo.LayerInfo(l.digest(), l.diffId(), l.size(), l.mediaType(),
                l.createdBy() == null ? null : ConfigRedaction.command(l.createdBy())))
            .toList());
    return new IndexReport(r.schemaVersion(), masked, r.os(), r.packages(), r.findings(), r.diagnostics(), r.complete(),
        r.analyzers());
  }

  private static List<String> found(IndexReport r) {
    return r.findings().stream().map(f -> f.ruleId() + "@" + f.path()).toList();
  }

  @Test
  void findingsOfDeletedReplacedOrHiddenFilesAreGone() throws Exception {
    Path layout = tmp.resolve("layers");
    var built = OciImageBuilder.image()
        .layer(OciImageBuilder.layer()
            .file("app/.env", "GITHUB_TOKEN=" + GITHUB + "\n")
            .file("app/config.yml", "gitlab:\n  token: " + GITLAB + "\n")
            .file("root/.npmrc", "//registry.npmjs.org/:_authToken=" + NPM + "\n")
            .file("build/cache/creds", "aws_secret_access_key = " + AWS_SECRET + "\n")
            .file("etc/shadow", SHADOW_WEAK)
            .file("usr/local/bin/helper", "#!/bin/sh\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 04755))
        .layer(OciImageBuilder.layer()
            .whiteout("app/.env")
            .file("root/.npmrc", "registry=https://registry.npmjs.org/\n")
            .opaque("build/cache")
            .file("etc/shadow", "root:*:20000:0:99999:7:::\n")
            .file("usr/local/bin/helper", "#!/bin/sh\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0755))
        .writeTo(layout, "t");
    IndexReport r;
    try (ImageSource src = OciLayoutSource.directory(layout, "t", null)) {
      r = new Indexer(analyzers(), LayerCache.NONE, IndexLimits.DEFAULT, 2).index(src, ScanListener.NONE);
    }
    Digest first = built.layerDigests().get(0);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("gitlab_token");
      assertThat(f.path()).isEqualTo("app/config.yml");
      assertThat(f.line()).isEqualTo(2);
      assertThat(f.layer()).isEqualTo(first.toString());
      assertThat(f.evidence()).isEqualTo("glpat-****");
    });
    assertThat(r.complete()).isTrue();
  }

  @Test
  void aLaterLayerAddingASecretIsAttributedToIt() throws Exception {
    Path layout = tmp.resolve("attr");
    var built = OciImageBuilder.image()
        .layer(OciImageBuilder.layer().file("app/config.yml", "gitlab: {}\n"))
        .layer(OciImageBuilder.layer().file("app/config.yml", "gitlab:\n  token: " + GITLAB + "\n")
            .file("usr/local/bin/helper", "#!/bin/sh\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 04755).hardLink("usr/local/bin/helper2", "usr/local/bin/helper"))
        .writeTo(layout, "t");
    IndexReport r;
    try (ImageSource src = OciLayoutSource.directory(layout, "t", null)) {
      r = new Indexer(analyzers(), LayerCache.NONE, IndexLimits.DEFAULT, 2).index(src, ScanListener.NONE);
    }
    assertThat(r.findings()).extracting(Finding::layer).containsOnly(built.layerDigests().get(1).toString());
    assertThat(found(r)).containsExactly("file_unexpected_setuid@usr/local/bin/helper",
        "file_unexpected_setuid@usr/local/bin/helper2", "gitlab_token@app/config.yml");
  }

  @Test
  void noSecretAppearsUnmaskedInTheReportJson() throws Exception {
    Path layout = tmp.resolve("json");
    OciImageBuilder.image()
        .env("AWS_SECRET_ACCESS_KEY", AWS_SECRET)
        .label("ci.token", GITHUB)
        .layer(OciImageBuilder.layer()
            .file("app/.env", "GITHUB_TOKEN=" + GITHUB + "\nDB_PASSWORD=" + DB_PASSWORD + "\n")
            .file("app/application.properties", "spring.datasource.url=jdbc:postgresql://db/app?user=app&password="
                + DB_PASSWORD + "x\n")
            .file("root/.npmrc", "//registry.npmjs.org/:_authToken=" + NPM + "\n")
            .file("root/.aws/credentials", "[default]\naws_secret_access_key = " + AWS_SECRET + "\n")
            .file("root/.ssh/id_rsa", "-----BEGIN RSA PRIVATE KEY-----\n" + KEY_BODY + "\n-----END RSA PRIVATE KEY-----\n")
            .file("etc/shadow", SHADOW_WEAK)
            .createdBy("RUN |1 NPM_TOKEN=" + NPM + " /bin/sh -c npm ci # buildkit"))
        .layer(OciImageBuilder.layer().file("app/more.json", "{\"gitlab\": \"" + GITLAB + "\"}\n"))
        .writeTo(layout, "t");
    IndexReport r;
    List<Finding> config;
    try (ImageSource src = OciLayoutSource.directory(layout, "t", null)) {
      r = new Indexer(analyzers(), LayerCache.NONE, IndexLimits.DEFAULT, 2).index(src, ScanListener.NONE);
      config = Baseline.checkConfig(src.resolve().config());
    }
    assertThat(config).extracting(Finding::ruleId).contains("config_env_secret", "config_label_secret", "config_history_secret");
    assertThat(r.findings()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(found(r)).contains("account_weak_password@etc/shadow", "private_key@root/.ssh/id_rsa");
    ObjectMapper mapper = new ObjectMapper();
    // The file findings, diagnostics and packages of the raw report: masked as the analyzers wrote them.
    String files = mapper.writeValueAsString(r.findings()) + mapper.writeValueAsString(r.diagnostics())
        + mapper.writeValueAsString(r.packages()) + mapper.writeValueAsString(config);
    // The report's image section quotes the configuration (ENV, labels, history): raw until the
    // indexer applies Secrets.redact to it, which this does to the whole report.
    assertThat(mapper.writeValueAsString(r.image())).contains(AWS_SECRET);
    String json = files + mapper.writeValueAsString(redacted(r));
    for (String secret : List.of(GITHUB, GITLAB, NPM, AWS_SECRET, DB_PASSWORD, KEY_BODY, "changeme",
        GITHUB.substring(4), GITLAB.substring(6), NPM.substring(4))) {
      assertThat(json).as("report JSON").doesNotContain(secret);
    }
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.evidence()).contains("****"));
    assertThat(config).filteredOn(f -> f.ruleId().endsWith("_secret")).allSatisfy(f -> assertThat(f.evidence()).contains("****"));
  }
}
