package dev.drydock.server.inventory.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** PodMapper and OwnerResolver over the kubernetes/shop fixtures (no cluster: owners come from workloads.json). */
class PodMapperTest {

  @Test
  void mapsTheFixturePodsAsWanted() throws Exception {
    OwnerResolver owners = new OwnerResolver(new Fixtures.WorkloadFetcher(), Clock.systemUTC(), Duration.ofMinutes(5));
    List<Map<String, Object>> got = new ArrayList<>();
    for (Pod p : Fixtures.pods()) {
      PodMapper.map(p, owners.top(p.getMetadata().getNamespace(), p.getMetadata().getOwnerReferences()))
          .ifPresent(r -> got.add(summary(r)));
    }
    JsonMapper json = JsonMapper.builder().build();
    JsonNode want;
    try (InputStream in = getClass().getResourceAsStream(Fixtures.DIR + "want.json")) {
      want = json.readTree(in).path("pods");
    }
    JsonNode gotTree = json.valueToTree(got);
    assertThat(gotTree).isEqualTo(want);
  }

  @Test
  void ownersAreFetchedOncePerObject() {
    Fixtures.WorkloadFetcher fetcher = new Fixtures.WorkloadFetcher();
    OwnerResolver owners = new OwnerResolver(fetcher, Clock.systemUTC(), Duration.ofMinutes(5));
    for (int round = 0; round < 3; round++) {
      for (Pod p : Fixtures.pods()) {
        owners.top(p.getMetadata().getNamespace(), p.getMetadata().getOwnerReferences());
      }
    }
    // ReplicaSet, Deployment, StatefulSet, DaemonSet, Job x2 (report, backup), CronJob: one fetch each
    assertThat(fetcher.calls.get()).isEqualTo(7);
    assertThat(owners.cached()).isEqualTo(7);
  }

  @Test
  void ownersAreFetchedAgainWhenTheirCacheEntryExpires() {
    Fixtures.WorkloadFetcher fetcher = new Fixtures.WorkloadFetcher();
    MutableClock clock = new MutableClock();
    OwnerResolver owners = new OwnerResolver(fetcher, clock, Duration.ofMinutes(5));
    Pod web = Fixtures.pods().getFirst();
    owners.top("shop", web.getMetadata().getOwnerReferences());
    owners.top("shop", web.getMetadata().getOwnerReferences());
    assertThat(fetcher.calls.get()).isEqualTo(2); // ReplicaSet, Deployment
    clock.now = clock.now.plus(Duration.ofMinutes(6));
    assertThat(owners.top("shop", web.getMetadata().getOwnerReferences()))
        .contains(new OwnerResolver.Owner("Deployment", "web"));
    assertThat(fetcher.calls.get()).isEqualTo(4);
  }

  @Test
  void anOwnerThatCannotBeReadEndsTheWalkThere() {
    OwnerResolver owners = new OwnerResolver((ns, api, kind, name) -> {
      throw new IllegalStateException("403 Forbidden");
    }, Clock.systemUTC(), Duration.ofMinutes(5));
    var rs = new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet").withName("web-abc")
        .withController(true).withUid("u").build();
    assertThat(owners.top("shop", List.of(rs))).contains(new OwnerResolver.Owner("ReplicaSet", "web-abc"));
  }

  @Test
  void aCycleOfOwnersEnds() {
    var self = new OwnerReferenceBuilder().withApiVersion("example.test/v1").withKind("Loop").withName("a")
        .withController(true).withUid("u").build();
    OwnerResolver owners = new OwnerResolver((ns, api, kind, name) -> Optional.of(List.of(self)), Clock.systemUTC(),
        Duration.ofMinutes(5));
    assertThat(owners.top("x", List.of(self))).contains(new OwnerResolver.Owner("Loop", "a"));
  }

  @Test
  void appNameFallsBackToLabelsThenThePod() {
    assertThat(PodMapper.appName("p", Map.of("app", "a", "app.kubernetes.io/name", "n"), Optional.empty()))
        .isEqualTo("n");
    assertThat(PodMapper.appName("p", Map.of("app", "a"), Optional.empty())).isEqualTo("a");
    assertThat(PodMapper.appName("p", Map.of("app", " "), Optional.empty())).isEqualTo("p");
    assertThat(PodMapper.appName("p", Map.of("app", "a"), Optional.of(new OwnerResolver.Owner("Deployment", "d"))))
        .isEqualTo("d");
  }

  private static Map<String, Object> summary(PodRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", r.namespace());
    m.put("name", r.name());
    m.put("appName", r.appName());
    m.put("workloadKind", r.workloadKind());
    m.put("nodeName", r.nodeName());
    m.put("podIp", r.podIp());
    m.put("hostIp", r.hostIp());
    List<Map<String, Object>> cs = new ArrayList<>();
    for (PodRecord.Container c : r.containers()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("name", c.name());
      x.put("init", c.init());
      x.put("imageHost", c.imageHost());
      x.put("imagePath", c.imagePath());
      x.put("imageTag", c.imageTag());
      x.put("digest", c.digest());
      x.put("imageId", c.imageId());
      x.put("state", c.state());
      x.put("reason", c.reason());
      cs.add(x);
    }
    m.put("containers", cs);
    return m;
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2024-03-05T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
