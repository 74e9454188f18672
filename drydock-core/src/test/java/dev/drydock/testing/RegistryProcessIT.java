package dev.drydock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.Descriptor;
import dev.drydock.image.Digest;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import dev.drydock.testing.OciImageBuilder.BuiltImage;
import dev.drydock.testing.OciImageBuilder.BuiltIndex;
import dev.drydock.testing.OciImageBuilder.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the integration-test infrastructure against the real programs: images built with {@link
 * OciImageBuilder}, pushed with {@link Skopeo} into a {@link RegistryProcess} in each auth mode, and
 * read back with plain HttpClient, doing the Basic and Bearer flows by hand.
 */
class RegistryProcessIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String OCI_ACCEPT = MediaTypes.OCI_MANIFEST + ", " + MediaTypes.OCI_INDEX;

  @TempDir Path tmp;

  /** A small image with one layer of each compression, so every layer type crosses the registry. */
  private static OciImageBuilder smallImage(String marker) {
    return smallImage(marker, Compression.ZSTD);
  }

  /**
   * The same with the second layer's compression chosen: skopeo 1.9 cannot convert zstd layers to
   * Docker formats (v2s2, docker-archive), so those tests use gzip.
   */
  private static OciImageBuilder smallImage(String marker, Compression second) {
    return OciImageBuilder.image()
        .user("1000:1000")
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .exposedPort("8080/tcp")
        .label("org.opencontainers.image.title", marker)
        .healthcheck("CMD", "/app", "--health")
        .entrypoint("/app")
        .cmd("--serve")
        .layer(OciImageBuilder.layer()
            .directory("etc")
            .file("etc/os-release", "ID=drydock-test\nVERSION_ID=1\n")
            .createdBy("COPY os-release /etc/os-release"))
        .emptyLayerHistory("ENV PATH=/usr/local/bin:/usr/bin:/bin")
        .layer(OciImageBuilder.layer()
            .file("app", ("#!/bin/sh\necho " + marker + "\n").getBytes(StandardCharsets.UTF_8), 0755)
            .compression(second)
            .createdBy("COPY app /app"))
        .layer(OciImageBuilder.layer()
            .whiteout("etc/os-release")
            .compression(Compression.NONE)
            .createdBy("RUN rm /etc/os-release"));
  }

  @Test
  void anonymousRegistryServesWhatSkopeoPushed() throws Exception {
    BuiltImage img = smallImage("anonymous").writeTo(tmp.resolve("layout"), "1.0");
    try (RegistryProcess registry = RegistryProcess.anonymous()) {
      assertThat(registry.authMode()).isEqualTo(RegistryProcess.AuthMode.ANONYMOUS);
      assertThat(registry.host()).matches("127\\.0\\.0\\.1:\\d+");
      assertThat(registry.credentials()).isNull();

      Digest pushed = Skopeo.push(img, registry, "team/app");
      assertThat(pushed).isEqualTo(img.manifestDigest());

      HttpResponse<byte[]> r = get(registry.uri("/v2/team/app/manifests/1.0"), MediaTypes.MANIFEST_ACCEPT, null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertManifest(r, img.manifestDigest(), MediaTypes.OCI_MANIFEST);
      assertThat(r.body()).isEqualTo(img.manifestBytes());

      // Every layer comes back byte for byte, zstd and uncompressed included.
      for (OciImageBuilder.BuiltLayer layer : img.layers()) {
        HttpResponse<byte[]> blob = get(registry.uri("/v2/team/app/blobs/" + layer.digest()), "*/*", null);
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(Digest.sha256(blob.body())).isEqualTo(layer.digest());
      }
      assertThat(img.layers()).extracting(l -> l.descriptor().mediaType())
          .containsExactly(MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_ZSTD, MediaTypes.OCI_LAYER);

      // Fact the lead's client must live with: no OCI type in Accept -> 404 for an OCI manifest.
      HttpResponse<byte[]> dockerOnly = get(registry.uri("/v2/team/app/manifests/1.0"), MediaTypes.DOCKER_MANIFEST, null);
      assertThat(dockerOnly.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void basicRegistryRequiresCredentials() throws Exception {
    BuiltImage img = smallImage("basic").writeTo(tmp.resolve("layout"), "2.0");
    try (RegistryProcess registry = RegistryProcess.basic("alice", "s3cret pass")) {
      Credentials creds = registry.credentials();
      assertThat(creds).isEqualTo(new Credentials("alice", "s3cret pass"));

      assertThatThrownBy(() -> Skopeo.push(img.layout(), "2.0", registry, "team/app:2.0",
              Skopeo.PushOptions.defaults().withCredentials(new Credentials("alice", "wrong"))))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("alice:***")
          .hasMessageNotContaining("wrong");
      Digest pushed = Skopeo.push(img, registry, "team/app");
      assertThat(pushed).isEqualTo(img.manifestDigest());

      URI manifest = registry.uri("/v2/team/app/manifests/2.0");
      HttpResponse<byte[]> anonymous = get(manifest, OCI_ACCEPT, null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      WwwAuthenticate challenge = WwwAuthenticate.parse(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
      assertThat(challenge.scheme()).isEqualTo("basic");
      assertThat(challenge.param("realm")).isEqualTo(RegistryProcess.BASIC_REALM);

      assertThat(get(manifest, OCI_ACCEPT, new Credentials("alice", "nope").basicAuthorization()).statusCode())
          .isEqualTo(401);
      HttpResponse<byte[]> r = get(manifest, OCI_ACCEPT, creds.basicAuthorization());
      assertThat(r.statusCode()).isEqualTo(200);
      assertManifest(r, img.manifestDigest(), MediaTypes.OCI_MANIFEST);
    }
  }

  @Test
  void tokenRegistryWithRs256AndX5cHeader() throws Exception {
    BuiltImage img = smallImage("token").writeTo(tmp.resolve("layout"), "3.0");
    try (TokenRealm realm = TokenRealm.builder().algorithm(TokenRealm.Algorithm.RS256).user("bob", "hunter2").start();
        RegistryProcess registry = RegistryProcess.token(realm)) {
      assertThat(registry.credentials()).isEqualTo(new Credentials("bob", "hunter2"));

      Digest pushed = Skopeo.push(img, registry, "team/app");
      assertThat(pushed).isEqualTo(img.manifestDigest());
      // skopeo asked the realm for push and pull on exactly this repository, as bob.
      assertThat(realm.requests())
          .filteredOn(q -> q.scopes().contains("repository:team/app:pull,push"))
          .isNotEmpty()
          .allSatisfy(q -> {
            assertThat(q.outcome()).isEqualTo(TokenRealm.Outcome.AUTHENTICATED);
            assertThat(q.username()).isEqualTo("bob");
            assertThat(q.service()).isEqualTo(realm.service());
            assertThat(q.granted()).containsExactly(
                new TokenRealm.Access("repository", "team/app", List.of("pull", "push")));
          });

      // The bearer flow by hand: challenge -> realm -> token -> manifest.
      URI manifest = registry.uri("/v2/team/app/manifests/3.0");
      HttpResponse<byte[]> unauthorized = get(manifest, OCI_ACCEPT, null);
      assertThat(unauthorized.statusCode()).isEqualTo(401);
      WwwAuthenticate challenge = WwwAuthenticate.parse(unauthorized.headers().firstValue("WWW-Authenticate").orElseThrow());
      assertThat(challenge.scheme()).isEqualTo("bearer");
      assertThat(challenge.params()).containsEntry("realm", realm.realmUri().toString())
          .containsEntry("service", realm.service())
          .containsEntry("scope", "repository:team/app:pull");

      realm.clearRequests();
      String token = fetchToken(challenge, new Credentials("bob", "hunter2"));
      assertThat(realm.requestCount()).isEqualTo(1);
      assertThat(realm.lastRequest().scopes()).containsExactly("repository:team/app:pull");
      HttpResponse<byte[]> r = get(manifest, OCI_ACCEPT, "Bearer " + token);
      assertThat(r.statusCode()).isEqualTo(200);
      assertManifest(r, img.manifestDigest(), MediaTypes.OCI_MANIFEST);

      // A token for another repository, or an anonymous one (no access), is refused.
      String other = realm.mintToken("bob", List.of("repository:team/other:pull"));
      assertThat(get(manifest, OCI_ACCEPT, "Bearer " + other).statusCode()).isEqualTo(401);
      String anonymousToken = fetchToken(challenge, null);
      assertThat(realm.lastRequest().outcome()).isEqualTo(TokenRealm.Outcome.ANONYMOUS);
      assertThat(realm.lastRequest().granted()).isEmpty();
      HttpResponse<byte[]> denied = get(manifest, OCI_ACCEPT, "Bearer " + anonymousToken);
      assertThat(denied.statusCode()).isEqualTo(401);
      assertThat(denied.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_scope");
      // An expired token is refused too (distribution allows 60 s of skew).
      String expired = realm.mintToken("bob", List.of(TokenRealm.Access.parseScope("repository:team/app:pull")),
          java.time.Instant.now().minus(Duration.ofHours(1)), Duration.ofMinutes(1));
      assertThat(get(manifest, OCI_ACCEPT, "Bearer " + expired).statusCode()).isEqualTo(401);

      // Wrong credentials get no token at all.
      HttpResponse<byte[]> wrong = getToken(challenge, new Credentials("bob", "wrong"));
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(realm.lastRequest().outcome()).isEqualTo(TokenRealm.Outcome.REJECTED);
    }
  }

  @Test
  void tokenRegistryWithEs256KidOnlyAndAnonymousPull() throws Exception {
    BuiltImage img = smallImage("kid").writeTo(tmp.resolve("layout"), "4.0");
    try (TokenRealm realm = TokenRealm.builder().user("carol", "pw").allowAnonymousPull(true).x5c(false).start();
        RegistryProcess registry = RegistryProcess.token(realm)) {
      assertThat(realm.algorithm()).isEqualTo(TokenRealm.Algorithm.ES256);
      assertThat(realm.keyId()).matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");
      assertThat(Skopeo.push(img, registry, "lib/kid")).isEqualTo(img.manifestDigest());

      URI manifest = registry.uri("/v2/lib/kid/manifests/4.0");
      HttpResponse<byte[]> unauthorized = get(manifest, OCI_ACCEPT, null);
      assertThat(unauthorized.statusCode()).isEqualTo(401);
      WwwAuthenticate challenge = WwwAuthenticate.parse(unauthorized.headers().firstValue("WWW-Authenticate").orElseThrow());
      String token = fetchToken(challenge, null);
      assertThat(realm.lastRequest().granted())
          .containsExactly(new TokenRealm.Access("repository", "lib/kid", List.of("pull")));
      HttpResponse<byte[]> r = get(manifest, OCI_ACCEPT, "Bearer " + token);
      assertThat(r.statusCode()).isEqualTo(200);
      assertManifest(r, img.manifestDigest(), MediaTypes.OCI_MANIFEST);

      // Anonymous pull does not mean anonymous push.
      assertThatThrownBy(() -> Skopeo.push(img.layout(), "4.0", registry, "lib/kid:anon",
              Skopeo.PushOptions.defaults().withoutCredentials()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void v2s2PushHasDockerMediaTypes() throws Exception {
    BuiltImage img = OciImageBuilder.image()
        .layer(OciImageBuilder.layer().file("hello", "world\n").createdBy("COPY hello /"))
        .writeTo(tmp.resolve("layout"), "v2s2");
    try (RegistryProcess registry = RegistryProcess.anonymous()) {
      Digest pushed = Skopeo.push(img.layout(), "v2s2", registry, "team/docker:v2s2",
          Skopeo.PushOptions.defaults().withFormat(Skopeo.Format.V2S2));
      assertThat(pushed).isNotEqualTo(img.manifestDigest());

      HttpResponse<byte[]> r = get(registry.uri("/v2/team/docker/manifests/v2s2"), MediaTypes.MANIFEST_ACCEPT, null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertManifest(r, pushed, MediaTypes.DOCKER_MANIFEST);
      JsonNode m = JSON.readTree(r.body());
      assertThat(m.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      assertThat(m.path("config").path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_CONFIG);
      assertThat(m.path("layers").get(0).path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
      // The gzip layer crosses unchanged; only the manifest and config are rewritten.
      assertThat(m.path("layers").get(0).path("digest").asText()).isEqualTo(img.layers().get(0).digest().toString());

      // Fact the lead's client must live with: without schema 2 in Accept the registry downgrades to schema 1.
      HttpResponse<byte[]> s1 = get(registry.uri("/v2/team/docker/manifests/v2s2"), "*/*", null);
      assertThat(s1.headers().firstValue("Content-Type").orElseThrow()).startsWith(MediaTypes.DOCKER_SCHEMA1_SIGNED);
    }
  }

  @Test
  void umociStyleManifestWithoutMediaTypeIsServedAsPushed() throws Exception {
    BuiltImage img = OciImageBuilder.image()
        .omitManifestMediaType()
        .layer(OciImageBuilder.layer().file("umoci", "style\n"))
        .writeTo(tmp.resolve("layout"), "umoci");
    assertThat(JSON.readTree(img.manifestBytes()).has("mediaType")).isFalse();
    try (RegistryProcess registry = RegistryProcess.anonymous()) {
      assertThat(Skopeo.push(img, registry, "team/umoci")).isEqualTo(img.manifestDigest());
      HttpResponse<byte[]> r = get(registry.uri("/v2/team/umoci/manifests/umoci"), MediaTypes.MANIFEST_ACCEPT, null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertManifest(r, img.manifestDigest(), MediaTypes.OCI_MANIFEST);
      assertThat(r.body()).isEqualTo(img.manifestBytes());
    }
  }

  @Test
  void multiPlatformIndexBySkopeoAndDockerManifestListByHand() throws Exception {
    Path layout = tmp.resolve("layout");
    OciImageBuilder amd64 = smallImage("amd64", Compression.GZIP).platform("linux", "amd64");
    OciImageBuilder arm64 = smallImage("arm64", Compression.GZIP).platform(new Platform("linux", "arm64", "v8"));
    BuiltIndex index = OciImageBuilder.index().image(amd64).image(arm64).writeTo(layout, "multi");
    assertThat(index.images()).hasSize(2);

    try (TokenRealm realm = TokenRealm.builder().user("dave", "pw").start();
        RegistryProcess registry = RegistryProcess.token(realm)) {
      // skopeo --all pushes the OCI index as is.
      assertThat(Skopeo.push(index, registry, "team/multi")).isEqualTo(index.digest());
      HttpResponse<byte[]> r = bearerGet(registry, "team/multi", "/v2/team/multi/manifests/multi", new Credentials("dave", "pw"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertManifest(r, index.digest(), MediaTypes.OCI_INDEX);
      assertThat(r.body()).isEqualTo(index.bytes());

      // A Docker manifest list by hand: push each image as v2s2, then PUT the list naming them.
      List<Descriptor> entries = new ArrayList<>();
      for (Map.Entry<String, OciImageBuilder> e : List.of(Map.entry("amd64", amd64), Map.entry("arm64", arm64))) {
        // The builder is deterministic: written again on its own, the image is the one in the index.
        BuiltImage img = e.getValue().writeTo(tmp.resolve("single"), e.getKey());
        assertThat(index.images()).extracting(BuiltImage::manifestDigest).contains(img.manifestDigest());
        String tag = img.tag();
        Digest d = Skopeo.push(img.layout(), tag, registry, "team/list:" + tag,
            Skopeo.PushOptions.defaults().withFormat(Skopeo.Format.V2S2));
        HttpResponse<byte[]> m = bearerGet(registry, "team/list", "/v2/team/list/manifests/" + d, new Credentials("dave", "pw"));
        assertThat(m.statusCode()).isEqualTo(200);
        entries.add(new Descriptor(MediaTypes.DOCKER_MANIFEST, d, m.body().length, img.platform(), Map.of(), List.of()));
      }
      byte[] list = OciImageBuilder.index().mediaType(MediaTypes.DOCKER_MANIFEST_LIST).toBytes(entries);
      Skopeo.PutResult put = Skopeo.putManifest(registry, "team/list", "latest", MediaTypes.DOCKER_MANIFEST_LIST, list);
      assertThat(put.status()).isEqualTo(201);
      assertThat(put.digest()).isEqualTo(Digest.sha256(list));
      HttpResponse<byte[]> got = bearerGet(registry, "team/list", "/v2/team/list/manifests/latest", new Credentials("dave", "pw"));
      assertManifest(got, Digest.sha256(list), MediaTypes.DOCKER_MANIFEST_LIST);
      assertThat(JSON.readTree(got.body()).path("manifests").get(1).path("platform").path("variant").asText()).isEqualTo("v8");
    }
  }

  @Test
  void archivesFromLayouts() throws Exception {
    BuiltImage img = smallImage("archive", Compression.GZIP).writeTo(tmp.resolve("layout"), "5.0");
    Path oci = Skopeo.toOciArchive(img.layout(), "5.0", tmp.resolve("oci.tar"));
    assertThat(tarNames(oci)).contains("oci-layout", "index.json", "blobs/sha256/" + img.manifestDigest().encoded());

    Path docker = Skopeo.toDockerArchive(img.layout(), "5.0", tmp.resolve("docker.tar"), "team/app:5.0");
    assertThat(tarNames(docker)).contains("manifest.json");
    JsonNode manifest = JSON.readTree(tarEntry(docker, "manifest.json"));
    // skopeo qualifies the name (docker save would write "team/app:5.0").
    assertThat(manifest.get(0).path("RepoTags").get(0).asText()).isEqualTo("docker.io/team/app:5.0");
    assertThat(manifest.get(0).path("Layers")).hasSize(3);
  }

  @Test
  void debootstrapRootfsAsOneLayerImage() throws Exception {
    Path rootfs = Debootstrap.rootfsTar();
    List<Debootstrap.DpkgQueryRow> oracle = Debootstrap.dpkgQueryRows();
    assertThat(oracle).extracting(Debootstrap.DpkgQueryRow::packageName).contains("dpkg", "base-files", "libc6");
    assertThat(oracle).allSatisfy(row -> assertThat(row.status()).isEqualTo("installed"));

    BuiltImage img = OciImageBuilder.image()
        .cmd("bash")
        .layer(OciImageBuilder.layerFromTar(rootfs).compression(Compression.NONE).createdBy("debootstrap --variant=minbase bookworm"))
        .writeTo(tmp.resolve("layout"), "bookworm");
    assertThat(img.layers().get(0).uncompressedSize()).isEqualTo(Files.size(rootfs));
    try (RegistryProcess registry = RegistryProcess.anonymous()) {
      assertThat(Skopeo.push(img, registry, "debian/minbase")).isEqualTo(img.manifestDigest());
      HttpResponse<byte[]> r = get(registry.uri("/v2/debian/minbase/manifests/bookworm"), OCI_ACCEPT, null);
      assertManifest(r, img.manifestDigest(), MediaTypes.OCI_MANIFEST);
    }
  }

  @Test
  void startupFailureCarriesTheRegistryLog() throws Exception {
    try (TokenRealm realm = TokenRealm.builder().start()) {
      Files.delete(realm.rootCertBundle());
      assertThatThrownBy(() -> RegistryProcess.token(realm).close())
          .isInstanceOf(IOException.class)
          .hasMessageContaining("docker-registry exited")
          .hasMessageContaining("last lines of the registry log")
          .hasMessageContaining("root-cert-bundle.pem");
    }
  }

  // ---- by-hand HTTP ----

  private static void assertManifest(HttpResponse<byte[]> r, Digest expected, String mediaType) {
    assertThat(r.statusCode()).as("status of %s", r.uri()).isEqualTo(200);
    assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(expected.toString());
    assertThat(Digest.sha256(r.body())).isEqualTo(expected);
    assertThat(MediaTypes.bare(r.headers().firstValue("Content-Type").orElseThrow())).isEqualTo(mediaType);
  }

  private static HttpResponse<byte[]> get(URI uri, String accept, @Nullable String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", accept).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<byte[]> getToken(WwwAuthenticate challenge, @Nullable Credentials creds) throws Exception {
    String url = challenge.param("realm")
        + "?service=" + URLEncoder.encode(challenge.param("service"), StandardCharsets.UTF_8)
        + "&scope=" + URLEncoder.encode(challenge.param("scope"), StandardCharsets.UTF_8);
    return get(URI.create(url), "application/json", creds == null ? null : creds.basicAuthorization());
  }

  private static String fetchToken(WwwAuthenticate challenge, @Nullable Credentials creds) throws Exception {
    HttpResponse<byte[]> r = getToken(challenge, creds);
    assertThat(r.statusCode()).as("token realm status").isEqualTo(200);
    JsonNode json = JSON.readTree(r.body());
    assertThat(json.path("expires_in").asInt()).isEqualTo(300);
    assertThat(json.path("issued_at").asText()).isNotEmpty();
    assertThat(json.path("access_token").asText()).isEqualTo(json.path("token").asText());
    return json.path("token").asText();
  }

  /** GET through the bearer flow: unauthenticated attempt, challenge, token, retry. */
  private static HttpResponse<byte[]> bearerGet(RegistryProcess registry, String repo, String path, Credentials creds)
      throws Exception {
    URI uri = registry.uri(path);
    HttpResponse<byte[]> first = get(uri, MediaTypes.MANIFEST_ACCEPT, null);
    assertThat(first.statusCode()).isEqualTo(401);
    WwwAuthenticate c = WwwAuthenticate.parse(first.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertThat(c.param("scope")).isEqualTo("repository:" + repo + ":pull");
    return get(uri, MediaTypes.MANIFEST_ACCEPT, "Bearer " + fetchToken(c, creds));
  }

  private static List<String> tarNames(Path tar) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = t.getNextEntry()) != null; ) {
        names.add(e.getName());
      }
    }
    return names;
  }

  private static byte[] tarEntry(Path tar, String name) throws IOException {
    try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = t.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return t.readAllBytes();
        }
      }
    }
    throw new AssertionError(name + " not in " + tar);
  }
}
