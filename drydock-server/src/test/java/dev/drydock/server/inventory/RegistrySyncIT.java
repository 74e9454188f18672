package dev.drydock.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.Registries;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.TestServer;
import dev.drydock.testing.OciImageBuilder;
import dev.drydock.testing.RegistryProcess;
import dev.drydock.testing.Skopeo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The registry sync against Debian's real {@code docker-registry} on loopback: an anonymous
 * registry behind a {@link RegistryProxy} (which records every request and pages tag lists) and
 * a registry with HTTP Basic auth, registered through the official clients, with images pushed
 * by skopeo. Page size 2, so catalog and tag lists both take several {@code Link}-chained pages.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistrySyncIT {

  private static final String PAGE_SIZE_PROPERTY = "drydock.registry-sync.page-size";
  private static final String POLL_PROPERTY = "drydock.registry-sync.poll-interval";
  private static final String BASIC_USER = "drydock-sync";
  private static final String BASIC_PASSWORD = "Basic-s3cret-Passw0rd";
  private static final String WRONG_PASSWORD = "Wrong-s3cret-Passw0rd";

  static TestServer server;
  static RegistryProcess registry;
  static RegistryProxy proxy;
  static Path work;
  static long registryId;
  /** {@code repository:tag} → what was pushed there. */
  static final Map<String, Pushed> pushed = new TreeMap<>();
  static Map<String, Map<String, Object>> firstRows;

  /** A pushed tag: its manifest digest, config digest, layer sizes and creation time. */
  record Pushed(String digest, String imageId, long size) {
    static Pushed of(OciImageBuilder.BuiltImage img) {
      return new Pushed(img.manifestDigest().encoded(), img.config().digest().encoded(),
          img.layers().stream().mapToLong(l -> l.descriptor().size()).sum());
    }
  }

  @BeforeAll
  static void start() throws IOException {
    System.setProperty(PAGE_SIZE_PROPERTY, "2");
    System.setProperty(POLL_PROPERTY, "PT0.5S");
    server = TestServer.start();
    work = Files.createTempDirectory("drydock-registry-sync-it");
    registry = RegistryProcess.anonymous();
    proxy = new RegistryProxy(registry.baseUri());
    push("alpine", "3.19", "alpine 3.19");
    push("alpine", "3.20", "alpine 3.20");
    push("team/app", "1.0", "app 1.0");
    push("team/app", "1.1", "app 1.1");
    push("team/app", "2.0", "app 2.0");
    push("team/sub/tool", "latest", "tool");
    push("other/db", "5", "db 5");
    OciImageBuilder.BuiltIndex multi = OciImageBuilder.index()
        .image(image("multi arm64").platform("linux", "arm64"))
        .image(image("multi amd64").platform("linux", "amd64"))
        .writeTo(work.resolve("team_multi"), "1");
    Skopeo.push(multi, registry, "team/multi");
    OciImageBuilder.BuiltImage amd64 = multi.images().get(1);
    pushed.put("team/multi:1", new Pushed(multi.digest().encoded(), amd64.config().digest().encoded(),
        amd64.layers().stream().mapToLong(l -> l.descriptor().size()).sum()));
  }

  @AfterAll
  static void stop() throws IOException {
    System.clearProperty(PAGE_SIZE_PROPERTY);
    System.clearProperty(POLL_PROPERTY);
    if (server != null) {
      server.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (registry != null) {
      registry.close();
    }
    try (Stream<Path> s = Files.walk(work)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static OciImageBuilder image(String marker) {
    return OciImageBuilder.image().layer(OciImageBuilder.layer().file("etc/marker", marker + "\n"));
  }

  static void push(String repository, String tag, String marker) throws IOException {
    OciImageBuilder.BuiltImage img = image(marker).writeTo(work.resolve(repository.replace('/', '_') + "-" + tag), tag);
    Skopeo.push(img, registry, repository);
    pushed.put(repository + ":" + tag, Pushed.of(img));
  }

  static SasClient client() {
    return server.adminClients().get(3); // tea-openapi V3, the default of the current SDKs
  }

  static JdbcClient jdbc() {
    return server.bean(JdbcClient.class);
  }

  static long add(Map<String, Object> params) throws SasClient.ApiError {
    return Registries.add(client(), params);
  }

  /** Waits for a sync of the registry that ended after {@code after}. */
  static RegistryRow awaitSync(long id, Instant after) throws InterruptedException {
    return Registries.awaitSync(server, id, after);
  }

  /** The inventory of a registry: {@code repository:tag} → the image's columns. */
  static Map<String, Map<String, Object>> rows(long registryId) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    jdbc().sql("""
            SELECT r.repo_namespace, r.repo_name, r.repo_id, r.repo_type, r.region_id, r.registry_type, r.endpoints,
              r.internet_urls, r.vpc_urls, r.endpoint_type, r.endpoint_domains, i.uuid, i.tag, i.digest, i.image_id,
              i.image_size, i.image_create, i.image_update, i.tag_immutable, i.access_type, i.full_name
            FROM image i JOIN image_repo r ON r.id = i.repo_pk WHERE r.registry_id = :r""")
        .param("r", registryId)
        .query((rs, n) -> {
          Map<String, Object> row = new HashMap<>();
          for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
            row.put(rs.getMetaData().getColumnLabel(c).toLowerCase(java.util.Locale.ROOT), rs.getObject(c));
          }
          return row;
        })
        .list()
        .forEach(row -> out.put(RepoPaths.join((String) row.get("repo_namespace"), (String) row.get("repo_name"))
            + ":" + row.get("tag"), row));
    return out;
  }

  static Map<String, String> digests(Map<String, Map<String, Object>> rows) {
    Map<String, String> out = new TreeMap<>();
    rows.forEach((k, v) -> out.put(k, (String) v.get("digest")));
    return out;
  }

  static SyncOutcome syncNow() {
    return server.bean(RegistrySyncService.class).syncNow(registryId);
  }

  @Test
  @Order(1)
  void firstSyncRecordsEveryTagAcrossPages() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    registryId = add(Map.of("DomainName", "registry.drydock.test", "Port", String.valueOf(proxy.port())));
    RegistryRow r = awaitSync(registryId, before);
    assertThat(r.syncStatus()).as("sync error: %s", r.syncError()).isEqualTo("OK");
    assertThat(r.syncError()).isNull();
    assertThat(r.nextSyncAt()).isAfter(r.lastSyncAt()); // TransPerHour defaults to 1

    Map<String, Map<String, Object>> rows = rows(registryId);
    Map<String, String> want = new TreeMap<>();
    pushed.forEach((k, p) -> want.put(k, p.digest()));
    assertThat(digests(rows)).isEqualTo(want);

    int port = proxy.port();
    rows.forEach((key, row) -> {
      String path = key.substring(0, key.lastIndexOf(':'));
      String tag = key.substring(key.lastIndexOf(':') + 1);
      RepoPaths.Split split = RepoPaths.split(path);
      Pushed p = pushed.get(key);
      assertThat(row.get("image_id")).as(key).isEqualTo(p.imageId());
      assertThat(((Number) row.get("image_size")).longValue()).as(key).isEqualTo(p.size());
      assertThat(((Number) row.get("image_create")).longValue()).as(key)
          .isEqualTo(OciImageBuilder.DEFAULT_TIME.toEpochMilli());
      assertThat(row.get("uuid")).as(key).isEqualTo(RepoPaths.imageUuid(registryId, path, tag));
      assertThat(row.get("repo_id")).as(key).isEqualTo(RepoPaths.repoId(registryId, path));
      assertThat(row.get("repo_namespace")).as(key).isEqualTo(split.namespace());
      assertThat(row.get("repo_name")).as(key).isEqualTo(split.name());
      assertThat(row.get("repo_type")).as(key).isEqualTo("PUBLIC");
      assertThat(row.get("region_id")).isEqualTo("cn-hangzhou");
      assertThat(row.get("registry_type")).isEqualTo("harbor");
      assertThat(row.get("endpoints")).as(key)
          .isEqualTo("http://127.0.0.1:" + port + (split.namespace().isEmpty() ? "" : "/" + split.namespace()));
      assertThat(row.get("vpc_urls")).as(key).isEqualTo("registry.drydock.test:" + port + "/" + path);
      assertThat(row.get("internet_urls")).as(key).isEqualTo("");
      assertThat(row.get("endpoint_type")).isEqualTo("intranet");
      assertThat(row.get("endpoint_domains")).isEqualTo("registry.drydock.test:" + port + ",127.0.0.1:" + port);
      assertThat(row.get("access_type")).isEqualTo("IN_SAS");
      assertThat(((Number) row.get("tag_immutable")).intValue()).isZero();
      assertThat(row.get("full_name")).isEqualTo(key);
    });
    assertThat(rows.get("alpine:3.19")).containsEntry("repo_namespace", "").containsEntry("repo_name", "alpine");
    assertThat(rows.get("team/sub/tool:latest")).containsEntry("repo_namespace", "team")
        .containsEntry("repo_name", "sub/tool");

    // 5 repositories at 2 a page: 3 catalog pages; team/app's 3 tags: 2 tag-list pages.
    assertThat(proxy.count("GET", "/v2/_catalog")).isEqualTo(3);
    assertThat(proxy.count("GET", "/v2/team/app/tags/list")).isEqualTo(2);
    assertThat(proxy.requests()).anyMatch(q -> q.startsWith("GET /v2/_catalog?last="));
    firstRows = rows;
  }

  @Test
  @Order(2)
  void secondSyncFetchesNoUnchangedManifest() {
    proxy.clear();
    SyncOutcome outcome = syncNow();
    assertThat(outcome).isInstanceOf(SyncOutcome.Synced.class);
    SyncResult result = ((SyncOutcome.Synced) outcome).result();
    assertThat(result.tags()).isEqualTo(pushed.size());
    assertThat(result.unchanged()).isEqualTo(pushed.size());
    assertThat(result.added()).isZero();
    assertThat(result.changed()).isZero();
    assertThat(result.removedTags()).isZero();
    assertThat(result.manifestGets()).isZero();
    assertThat(result.blobGets()).isZero();
    assertThat(proxy.count("GET", "/manifests/")).as(String.join("\n", proxy.requests())).isZero();
    assertThat(proxy.count("GET", "/blobs/")).isZero();
    assertThat(proxy.count("HEAD", "/manifests/")).isGreaterThanOrEqualTo(pushed.size());

    Map<String, Map<String, Object>> rows = rows(registryId);
    assertThat(digests(rows)).isEqualTo(digests(firstRows));
    rows.forEach((k, row) -> {
      assertThat(row.get("uuid")).isEqualTo(firstRows.get(k).get("uuid"));
      assertThat(row.get("image_update")).isEqualTo(firstRows.get(k).get("image_update"));
    });
  }

  @Test
  @Order(3)
  void movedDeletedTagsAndRemovedRepositoriesAreFollowed() throws Exception {
    String deletedDigest = pushed.get("team/app:1.1").digest();
    jdbc().sql("""
            INSERT INTO image_risk (digest, vul, baseline_num, new_suspicious, scanned_at)
            VALUES (:d, 3, 0, 0, CURRENT_TIMESTAMP)""").param("d", deletedDigest).update();
    push("team/app", "1.0", "app 1.0, rebuilt");
    deleteManifest("team/app", "sha256:" + deletedDigest);
    pushed.remove("team/app:1.1");
    deleteRecursively(registry.storageDir().resolve("docker/registry/v2/repositories/other"));
    pushed.remove("other/db:5");

    proxy.clear();
    SyncOutcome outcome = syncNow();
    assertThat(outcome).isInstanceOf(SyncOutcome.Synced.class);
    SyncResult result = ((SyncOutcome.Synced) outcome).result();
    assertThat(result.changed()).isEqualTo(1);
    assertThat(result.added()).isZero();
    assertThat(result.removedTags()).isEqualTo(1);
    assertThat(result.removedRepositories()).isEqualTo(1);
    assertThat(result.manifestGets()).isEqualTo(1);
    assertThat(result.blobGets()).isEqualTo(1);
    assertThat(proxy.count("GET", "/manifests/")).isEqualTo(1);
    assertThat(proxy.count("GET", "/v2/team/app/manifests/sha256:" + pushed.get("team/app:1.0").digest()))
        .isEqualTo(1);

    Map<String, Map<String, Object>> rows = rows(registryId);
    Map<String, String> want = new TreeMap<>();
    pushed.forEach((k, p) -> want.put(k, p.digest()));
    assertThat(digests(rows)).isEqualTo(want);
    Map<String, Object> moved = rows.get("team/app:1.0");
    assertThat(moved.get("image_id")).isEqualTo(pushed.get("team/app:1.0").imageId());
    assertThat(moved.get("uuid")).isEqualTo(firstRows.get("team/app:1.0").get("uuid"));
    assertThat(((Number) moved.get("image_update")).longValue())
        .isGreaterThan(((Number) firstRows.get("team/app:1.0").get("image_update")).longValue());
    assertThat(jdbc().sql("SELECT COUNT(*) FROM image_risk WHERE digest = :d").param("d", deletedDigest)
        .query(Long.class).single()).as("scan results stay keyed by digest").isEqualTo(1);
    assertThat(jdbc().sql("SELECT COUNT(*) FROM image_repo WHERE registry_id = :r AND repo_namespace = 'other'")
        .param("r", registryId).query(Long.class).single()).isZero();
  }

  @Test
  @Order(4)
  void failingSyncIsRecordedAndKeepsTheInventory() {
    Map<String, String> before = digests(rows(registryId));
    int port = proxy.port();
    proxy.close();
    registry.close();
    SyncOutcome outcome = syncNow();
    assertThat(outcome).isInstanceOf(SyncOutcome.Failed.class);
    String reason = ((SyncOutcome.Failed) outcome).reason();
    assertThat(reason).contains("cannot reach registry 127.0.0.1:" + port);
    RegistryRow r = server.bean(RegistryStore.class).find(registryId).orElseThrow();
    assertThat(r.syncStatus()).isEqualTo("FAILED");
    assertThat(r.syncError()).isEqualTo(reason);
    assertThat(digests(rows(registryId))).isEqualTo(before).isNotEmpty();
  }

  @Test
  @Order(5)
  void basicAuthRegistryIsPrivateAndRefusedCredentialsFailTheSync() throws Exception {
    try (RegistryProcess basic = RegistryProcess.basic(BASIC_USER, BASIC_PASSWORD)) {
      OciImageBuilder.BuiltImage app = image("private app").writeTo(work.resolve("basic-app"), "1.0");
      OciImageBuilder.BuiltImage solo = image("private solo").writeTo(work.resolve("basic-solo"), "1");
      Skopeo.push(app, basic, "team/app");
      Skopeo.push(solo, basic, "solo");

      Instant before = Instant.now().minusSeconds(1);
      long id = add(Map.of("DomainName", "basic.drydock.test", "Port", String.valueOf(basic.port()), "NetType", "1",
          "UserName", BASIC_USER, "Password", BASIC_PASSWORD));
      RegistryRow r = awaitSync(id, before);
      assertThat(r.syncStatus()).as("sync error: %s", r.syncError()).isEqualTo("OK");
      Map<String, Map<String, Object>> rows = rows(id);
      assertThat(digests(rows)).isEqualTo(Map.of("solo:1", solo.manifestDigest().encoded(),
          "team/app:1.0", app.manifestDigest().encoded()));
      assertThat(rows.values()).allSatisfy(row -> {
        assertThat(row.get("repo_type")).isEqualTo("PRIVATE");
        assertThat(row.get("endpoint_type")).isEqualTo("internet");
        assertThat(row.get("vpc_urls")).isEqualTo("");
      });
      assertThat(rows.get("team/app:1.0").get("internet_urls")).isEqualTo("basic.drydock.test:" + basic.port()
          + "/team/app");

      JsonNode page = client().call("2018-12-03", "PageImageRegistry", Map.of(),
          Map.of("RegistryNameLike", "basic.drydock", "PageSize", "10"));
      assertThat(page.path("List")).hasSize(1);
      assertThat(page.path("List").path(0).path("ImageCount").asLong()).isEqualTo(2);
      assertThat(page.path("List").path(0).path("Password").asString()).isEqualTo("******");

      before = Instant.now().minusMillis(1);
      JsonNode modified = client().call("2018-12-03", "ModifyImageRegistry", Map.of(),
          Map.of("Id", String.valueOf(id), "Password", WRONG_PASSWORD));
      assertThat(modified.toString()).doesNotContain(WRONG_PASSWORD).doesNotContain(BASIC_PASSWORD);
      r = awaitSync(id, before);
      assertThat(r.syncStatus()).isEqualTo("FAILED");
      assertThat(r.syncError()).contains("unauthorized").doesNotContain(WRONG_PASSWORD).doesNotContain(BASIC_PASSWORD);
      assertThat(digests(rows(id))).hasSize(2);

      before = Instant.now().minusMillis(1);
      client().call("2018-12-03", "ModifyImageRegistry", Map.of(),
          Map.of("Id", String.valueOf(id), "Password", BASIC_PASSWORD));
      r = awaitSync(id, before);
      assertThat(r.syncStatus()).as("sync error: %s", r.syncError()).isEqualTo("OK");
      assertThat(r.syncError()).isNull();

      // The schedule: once next_sync_at has passed, the poller syncs the registry by itself.
      before = Instant.now().minusMillis(1);
      jdbc().sql("UPDATE registry SET next_sync_at = :t WHERE id = :id")
          .param("t", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1)).param("id", id).update();
      r = awaitSync(id, before);
      assertThat(r.syncStatus()).isEqualTo("OK");
      assertThat(r.nextSyncAt()).isAfter(Instant.now().plusSeconds(3000));
    }
  }

  @Test
  @Order(6)
  void claimsAreExclusiveUntilTheirLeaseRunsOut() throws Exception {
    SyncClaims claims = server.bean(SyncClaims.class);
    Instant t0 = Instant.now();
    int racers = 8;
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
    List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      String owner = "racer-" + i;
      results.add(pool.submit(() -> {
        go.await();
        return claims.claim(registryId, owner, t0, t0.plusSeconds(60));
      }));
    }
    go.countDown();
    List<String> winners = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      if (results.get(i).get()) {
        winners.add("racer-" + i);
      }
    }
    pool.shutdown();
    assertThat(winners).hasSize(1);
    String winner = winners.get(0);

    assertThat(claims.claim(registryId, "late", t0.plusSeconds(30), t0.plusSeconds(90))).isFalse();
    assertThat(server.bean(RegistrySyncService.class).syncNow(registryId)).isInstanceOf(SyncOutcome.Busy.class);
    assertThat(claims.due(t0.plusSeconds(30), 100)).doesNotContain(registryId);
    // The winner "dies": once its lease has run out another process takes the registry over ...
    assertThat(claims.claim(registryId, "taker", t0.plusSeconds(61), t0.plusSeconds(121))).isTrue();
    // ... and the old holder can neither renew nor record an outcome.
    assertThat(claims.renew(registryId, winner, t0.plusSeconds(200))).isFalse();
    assertThat(claims.finish(registryId, winner, SyncClaims.OK, null, t0, null)).isFalse();
    assertThat(claims.finish(registryId, "taker", SyncClaims.FAILED, "released by the test", t0,
        t0.plusSeconds(3600))).isTrue();
    assertThat(server.bean(RegistryStore.class).find(registryId).orElseThrow().syncError())
        .isEqualTo("released by the test");
  }

  @Test
  @Order(7)
  void tokenAuthRegistryWithAnonymousPullIsPublic() throws Exception {
    try (dev.drydock.testing.TokenRealm realm = dev.drydock.testing.TokenRealm.builder().user("ci", "T0ken-Secret")
            .allowAnonymousPull(true).start();
         RegistryProcess token = RegistryProcess.token(realm)) {
      OciImageBuilder.BuiltImage img = image("token app").writeTo(work.resolve("token-app"), "7");
      Skopeo.push(img, token, "proj/app");
      Instant before = Instant.now().minusSeconds(1);
      long id = add(Map.of("DomainName", "token.drydock.test", "Port", String.valueOf(token.port()),
          "UserName", "ci", "Password", "T0ken-Secret"));
      RegistryRow r = awaitSync(id, before);
      assertThat(r.syncStatus()).as("sync error: %s", r.syncError()).isEqualTo("OK");
      Map<String, Map<String, Object>> rows = rows(id);
      assertThat(digests(rows)).isEqualTo(Map.of("proj/app:7", img.manifestDigest().encoded()));
      assertThat(rows.get("proj/app:7")).containsEntry("repo_type", "PUBLIC")
          .containsEntry("image_id", img.config().digest().encoded());
      assertThat(realm.requests()).anyMatch(q -> q.scopes().contains("registry:catalog:*")
          && "ci".equals(q.username()));

      // Deleting the registration removes its repositories and images with it.
      JsonNode deleted = client().call("DeletePrivateRegistry", Map.of("RegistryId", String.valueOf(id)));
      assertThat(deleted.path("Data").asBoolean()).isTrue();
      assertThat(rows(id)).isEmpty();
      assertThat(jdbc().sql("SELECT COUNT(*) FROM image_repo WHERE registry_id = :r").param("r", id)
          .query(Long.class).single()).isZero();
    }
  }

  private static void deleteManifest(String repository, String digest) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/" + repository + "/manifests/" + digest))
            .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path p : paths) {
      Files.delete(p);
    }
  }
}
