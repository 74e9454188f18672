package dev.drydock.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.SasClient;
import dev.drydock.testing.OciImageBuilder;
import dev.drydock.testing.RegistryProcess;
import dev.drydock.testing.Skopeo;
import dev.drydock.vuln.db.AdvisoryDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Images, advisories and API steps the scan-task tests share. The images are built from real
 * formats: a Debian 12 dpkg database with glibc 2.36-9+deb12u1, log4j-core 2.14.1 from Maven
 * Central (core's {@code testdata/java/log4j-core}), an Alibaba Cloud AccessKey in a properties file
 * (core's {@code testdata/secret/cloud-keys}) and the EICAR test file; the advisories are core's
 * real-format fixtures (the Debian tracker excerpt, the Log4Shell OSV record).
 */
final class ScanFixtures {
  private ScanFixtures() {}

  static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
  static final String OS_RELEASE = "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";
  /** The AccessKey ID and secret in core's cloud-keys fixture: must never appear in an answer. */
  static final List<String> SECRETS = List.of("LTAI5thndfrvMKmosImAFSKI", "P7Zzyj6l2WhcOeyowqsBHpdOtfnE4M");
  static final String DEBIAN_TRACKER = "/testdata/feeds/debian/tracker-excerpt.json";
  static final String LOG4SHELL = "/testdata/feeds/osv/GHSA-jfh8-c2jp-5v3q.json";

  static byte[] resource(String name) throws IOException {
    try (InputStream in = ScanFixtures.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  /** Vulnerable glibc and log4j-core, a secret, the EICAR file, root user, no HEALTHCHECK. */
  static OciImageBuilder vulnerable() throws IOException {
    return OciImageBuilder.image()
        .layer(OciImageBuilder.layer()
            .file("etc/os-release", OS_RELEASE)
            .file("var/lib/dpkg/status", "Package: libc6\nStatus: install ok installed\nSource: glibc\n"
                + "Version: 2.36-9+deb12u1\nArchitecture: amd64\n"))
        .layer(OciImageBuilder.layer()
            .file("opt/app/lib/log4j-core-2.14.1.jar", resource("/testdata/java/log4j-core/opt/app/lib/log4j-core-2.14.1.jar"))
            .file("app/config/application.properties",
                resource("/testdata/secret/cloud-keys/app/config/application.properties"))
            .file("opt/app/eicar.com", EICAR));
  }

  /** A Debian base with nothing vulnerable, a non-root user and a HEALTHCHECK: no risk at all. */
  static OciImageBuilder clean(String marker) {
    return OciImageBuilder.image().user("1000").healthcheck("CMD", "true")
        .layer(OciImageBuilder.layer()
            .file("etc/os-release", OS_RELEASE)
            .file("var/lib/dpkg/status", "Package: base-files\nStatus: install ok installed\nVersion: 12.4+deb12u5\n"
                + "Architecture: amd64\n")
            .file("etc/marker", marker + "\n"));
  }

  /** Writes and pushes an image; returns its manifest digest (hex). */
  static String push(OciImageBuilder image, RegistryProcess registry, Path work, String repository, String tag)
      throws IOException {
    OciImageBuilder.BuiltImage built = image.writeTo(work.resolve(repository.replace('/', '_') + "-" + tag), tag);
    Skopeo.push(built, registry, repository);
    return built.manifestDigest().encoded();
  }

  static void importAdvisories(Path db, Path work, String... resources) throws IOException {
    try (AdvisoryDatabase d = AdvisoryDatabase.open(db)) {
      for (String r : resources) {
        Path f = work.resolve(r.substring(r.lastIndexOf('/') + 1));
        Files.write(f, resource(r));
        d.importFile(f);
      }
    }
  }

  /** Registers the loopback registry (plain HTTP) through the API; returns its Id. */
  static long register(SasClient client, RegistryProcess registry, String region) throws SasClient.ApiError {
    return register(client, registry.port(), region);
  }

  /** Registers the plain-HTTP registry (or proxy) listening on {@code port} of loopback. */
  static long register(SasClient client, int port, String region) throws SasClient.ApiError {
    Map<String, Object> p = new LinkedHashMap<>(Map.of("NetType", "2", "ProtocolType", "1",
        "RegistryHostIp", "127.0.0.1", "RegistryRegionId", region, "RegistryType", "harbor",
        "RegistryVersion", "V2", "UserName", "anyone", "Password", "anything-goes",
        "DomainName", "registry-" + port + ".drydock.test", "Port", String.valueOf(port)));
    return client.call("AddPrivateRegistry", p).path("Data").path("Id").asLong();
  }

  /** Waits until PageImageRegistry shows {@code images} images in the registry. */
  static void awaitImages(SasClient client, long registryId, int images) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    long seen = -1;
    while (System.nanoTime() < deadline) {
      for (JsonNode r : client.call("2018-12-03", "PageImageRegistry", Map.of(), Map.of("PageSize", "100"))
          .path("List")) {
        if (r.path("Id").asLong() == registryId) {
          seen = r.path("ImageCount").asLong();
        }
      }
      if (seen == images) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("registry " + registryId + " shows " + seen + " images, not " + images);
  }

  /** Whether ListUnfinishedOnceTask lists the task. */
  static boolean unfinished(SasClient client, String taskId) throws SasClient.ApiError {
    for (JsonNode t : client.call("ListUnfinishedOnceTask", Map.of("TaskType", "IMAGE_SCAN")).path("OnceTasks")) {
      if (t.path("TaskId").asString().equals(taskId)) {
        return true;
      }
    }
    return false;
  }

  /** Waits until the task is no longer unfinished; returns its sub-tasks. */
  static List<JsonNode> awaitTask(SasClient client, String taskId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!unfinished(client, taskId)) {
        return leaves(client, taskId);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("task " + taskId + " did not finish within " + timeout + "; sub-tasks: "
        + leaves(client, taskId));
  }

  /** Every sub-task of a task (all pages). */
  static List<JsonNode> leaves(SasClient client, String taskId) throws SasClient.ApiError {
    List<JsonNode> out = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode r = client.call("DescribeOnceTaskLeafRecordPage", Map.of("CurrentPage", String.valueOf(page),
          "PageSize", "20", "RelateInfo", "true", "TaskType", "IMAGE_SCAN", "TaskId", taskId));
      r.path("OnceTasks").forEach(out::add);
      if (out.size() >= r.path("PageInfo").path("TotalCount").asLong() || r.path("OnceTasks").isEmpty()) {
        return out;
      }
    }
  }

  /** A call expected to fail. */
  interface Call {
    JsonNode run() throws SasClient.ApiError;
  }

  /** The error code of a call that must fail. */
  static String errorCode(Call call) {
    return error(call).code();
  }

  /** The error a call is answered with, as its client reported it (code, HTTP status, message). */
  static SasClient.ApiError error(Call call) {
    try {
      JsonNode r = call.run();
      throw new AssertionError("expected an error, got " + r);
    } catch (SasClient.ApiError e) {
      return e;
    }
  }
}
