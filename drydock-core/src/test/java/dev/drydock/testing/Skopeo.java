package dev.drydock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.Digest;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Moves test images with the real {@code skopeo} (Debian's, 1.9): pushes OCI layouts to a {@link
 * RegistryProcess}, converts them to {@code oci-archive:} and {@code docker-archive:} files, and
 * PUTs hand-made manifests or indexes over plain HTTP.
 *
 * <p>Every skopeo run uses {@code --insecure-policy} (no dependence on the machine's {@code
 * /etc/containers/policy.json}), {@code --dest-tls-verify=false} for registries (they are plain
 * HTTP) and either explicit {@code --dest-creds} or {@code --dest-no-creds}, so the machine's auth
 * files never matter. A failed run throws {@link IOException} with skopeo's command line and output.
 *
 * <p>Known limit of skopeo 1.9: an image with zstd layers cannot be converted to Docker formats
 * ({@link Format#V2S2}, {@code docker-archive:}); it fails with "zstd compression is not supported
 * for docker images". Pushing zstd layers unconverted works.
 * Fails with {@code skopeo not found: apt-get install skopeo} when the binary is missing.
 */
public final class Skopeo {

  /** A manifest format for {@code --format}. */
  public enum Format {
    /** OCI image manifest. */
    OCI("oci"),
    /** Docker image manifest v2 schema 2 (layers become {@code …rootfs.diff.tar.gzip}). */
    V2S2("v2s2");

    private final String flag;

    Format(String flag) {
      this.flag = flag;
    }
  }

  /**
   * How to push.
   *
   * @param format convert to this manifest format; null keeps the source's
   * @param all push every image of an index and the index itself ({@code --all}); without it skopeo
   *     picks the image for the machine's platform
   * @param credentials override the registry's own {@link RegistryProcess#credentials()}
   * @param anonymous push without credentials even if the registry has some (to test refusals)
   */
  public record PushOptions(@Nullable Format format, boolean all, @Nullable Credentials credentials, boolean anonymous) {
    public static PushOptions defaults() {
      return new PushOptions(null, false, null, false);
    }

    public PushOptions withFormat(Format f) {
      return new PushOptions(f, all, credentials, anonymous);
    }

    public PushOptions withAll() {
      return new PushOptions(format, true, credentials, anonymous);
    }

    public PushOptions withCredentials(Credentials c) {
      return new PushOptions(format, all, c, false);
    }

    public PushOptions withoutCredentials() {
      return new PushOptions(format, all, null, true);
    }
  }

  /**
   * The answer to a manifest PUT.
   *
   * @param digest the registry's {@code Docker-Content-Digest}
   * @param location the {@code Location} header, if any
   */
  public record PutResult(int status, Digest digest, @Nullable String location) {}

  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Skopeo() {}

  /** The skopeo binary, or IllegalStateException "skopeo not found: apt-get install skopeo". */
  public static Path binary() {
    return Executables.require("skopeo", "apt-get install skopeo");
  }

  /**
   * Pushes {@code image} (as written by {@link OciImageBuilder#writeTo}) to {@code
   * registry/repository:TAG} with the image's own tag; returns the digest of the manifest as pushed.
   */
  public static Digest push(OciImageBuilder.BuiltImage image, RegistryProcess registry, String repository)
      throws IOException {
    String tag = requireTag(image.tag(), image.layout());
    return push(image.layout(), tag, registry, repository + ":" + tag, PushOptions.defaults());
  }

  /** Pushes an index and all its images ({@code --all}); returns the index digest as pushed. */
  public static Digest push(OciImageBuilder.BuiltIndex index, RegistryProcess registry, String repository)
      throws IOException {
    String tag = requireTag(index.tag(), index.layout());
    return push(index.layout(), tag, registry, repository + ":" + tag, PushOptions.defaults().withAll());
  }

  /**
   * {@code skopeo copy oci:LAYOUT:TAG docker://HOST/REPOSITORY_AND_TAG}. Credentials are the
   * registry's own unless {@code options} says otherwise. Without a {@code format} the push uses
   * {@code --preserve-digests}, so manifest, config and layers arrive byte for byte as in the layout
   * (skopeo would otherwise gzip uncompressed layers, changing the digests).
   *
   * @param repositoryAndTag e.g. {@code team/app:1.0} (or {@code team/app@sha256:…})
   * @return the digest of the manifest (or index, with {@code all}) that landed in the registry,
   *     which differs from the layout's when {@code format} converts
   */
  public static Digest push(Path layout, String tag, RegistryProcess registry, String repositoryAndTag,
      PushOptions options) throws IOException {
    Path digestFile = Files.createTempFile("drydock-skopeo-digest-", ".txt");
    try {
      List<String> args = new ArrayList<>(List.of("copy", "--quiet", "--dest-tls-verify=false",
          "--digestfile", digestFile.toString()));
      Credentials creds = options.anonymous() ? null
          : options.credentials() != null ? options.credentials() : registry.credentials();
      if (creds != null) {
        args.add("--dest-creds");
        args.add(creds.colonSeparated());
      } else {
        args.add("--dest-no-creds");
      }
      if (options.format() != null) {
        args.add("--format");
        args.add(options.format().flag);
      } else {
        // Without it skopeo gzips uncompressed layers on the way to a registry, changing every digest.
        args.add("--preserve-digests");
      }
      if (options.all()) {
        args.add("--all");
      }
      args.add("oci:" + layout + ":" + tag);
      args.add("docker://" + registry.reference(repositoryAndTag));
      run(args);
      return Digest.parse(Files.readString(digestFile).trim());
    } finally {
      Files.deleteIfExists(digestFile);
    }
  }

  /**
   * {@code skopeo copy --preserve-digests oci:LAYOUT:TAG oci-archive:ARCHIVE:TAG}: the same blobs
   * (so the same manifest digest) in a tar; returns the archive.
   */
  public static Path toOciArchive(Path layout, String tag, Path archive) throws IOException {
    Files.deleteIfExists(archive);
    run(List.of("copy", "--quiet", "--preserve-digests", "oci:" + layout + ":" + tag, "oci-archive:" + archive + ":" + tag));
    return archive;
  }

  /**
   * {@code skopeo copy oci:LAYOUT:TAG docker-archive:ARCHIVE:REPO_TAG}: a {@code docker save}
   * style archive (manifest.json with {@code RepoTags}, uncompressed layers). Unlike {@code docker
   * save}, skopeo writes the tag fully qualified: {@code team/app:1.0} becomes {@code
   * docker.io/team/app:1.0} in RepoTags. Fails for images with zstd layers (see the class doc).
   *
   * @param repoTag e.g. {@code team/app:1.0}
   */
  public static Path toDockerArchive(Path layout, String tag, Path archive, String repoTag) throws IOException {
    Files.deleteIfExists(archive);
    run(List.of("copy", "--quiet", "oci:" + layout + ":" + tag, "docker-archive:" + archive + ":" + repoTag));
    return archive;
  }

  /**
   * Runs {@code skopeo --insecure-policy ARGS...} and returns its combined output; throws
   * IOException with the command and output when it exits non-zero or takes over 5 minutes.
   */
  public static String run(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary().toString());
    cmd.add("--insecure-policy");
    cmd.addAll(args);
    Path out = Files.createTempFile("drydock-skopeo-", ".log");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      boolean done;
      try {
        done = p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted running " + redact(cmd), e);
      }
      if (!done) {
        p.destroyForcibly();
        throw new IOException("timed out after " + TIMEOUT.toMinutes() + " min: " + redact(cmd)
            + "\n" + Files.readString(out));
      }
      String output = Files.readString(out);
      if (p.exitValue() != 0) {
        throw new IOException("skopeo exited with " + p.exitValue() + ": " + redact(cmd) + "\n" + output.strip());
      }
      return output;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /**
   * PUTs {@code body} as the manifest {@code registry/v2/REPOSITORY/manifests/REFERENCE} with
   * Content-Type {@code mediaType}, using plain HttpClient. Authenticates as the registry's {@link
   * RegistryProcess#credentials()}: on a 401 Basic challenge it retries with Basic auth; on a 401
   * Bearer challenge it fetches a token from the challenge's realm (with those credentials, for the
   * challenge's scope) and retries with it. Every blob and child manifest must already be there.
   *
   * @param reference a tag, or the digest of {@code body}
   * @throws IOException with the status and the registry's error body unless it answers 201
   */
  public static PutResult putManifest(RegistryProcess registry, String repository, String reference,
      String mediaType, byte[] body) throws IOException {
    URI uri = registry.uri("/v2/" + repository + "/manifests/" + reference);
    HttpResponse<String> r = put(uri, mediaType, body, null);
    if (r.statusCode() == 401) {
      String challenge = r.headers().firstValue("WWW-Authenticate")
          .orElseThrow(() -> new IOException("401 without WWW-Authenticate from PUT " + uri));
      r = put(uri, mediaType, body, authorization(WwwAuthenticate.parse(challenge), registry.credentials()));
    }
    if (r.statusCode() != 201) {
      throw new IOException("PUT " + uri + " (" + mediaType + ") answered " + r.statusCode() + ": " + r.body());
    }
    String digest = r.headers().firstValue("Docker-Content-Digest")
        .orElseThrow(() -> new IOException("PUT " + uri + " answered 201 without Docker-Content-Digest"));
    return new PutResult(r.statusCode(), Digest.parse(digest), r.headers().firstValue("Location").orElse(null));
  }

  /** The Authorization header answering {@code challenge} as {@code creds} (null: anonymous token). */
  static String authorization(WwwAuthenticate challenge, @Nullable Credentials creds) throws IOException {
    switch (challenge.scheme()) {
      case "basic" -> {
        if (creds == null) {
          throw new IOException("registry wants Basic auth but has no credentials");
        }
        return creds.basicAuthorization();
      }
      case "bearer" -> {
        String realm = challenge.param("realm");
        if (realm == null) {
          throw new IOException("Bearer challenge without realm: " + challenge);
        }
        StringBuilder q = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        String service = challenge.param("service");
        if (service != null) {
          q.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8)).append('&');
        }
        String scope = challenge.param("scope");
        if (scope != null) {
          for (String s : scope.split(" ")) {
            q.append("scope=").append(URLEncoder.encode(s, StandardCharsets.UTF_8)).append('&');
          }
        }
        HttpRequest.Builder tr = HttpRequest.newBuilder(URI.create(q.substring(0, q.length() - 1)))
            .timeout(Duration.ofSeconds(30)).GET();
        if (creds != null) {
          tr.header("Authorization", creds.basicAuthorization());
        }
        HttpResponse<String> t = send(tr.build());
        if (t.statusCode() != 200) {
          throw new IOException("token realm " + realm + " answered " + t.statusCode() + ": " + t.body());
        }
        JsonNode json = JSON.readTree(t.body());
        String token = json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) {
          throw new IOException("token realm " + realm + " answered without a token: " + t.body());
        }
        return "Bearer " + token;
      }
      default -> throw new IOException("unsupported auth scheme " + challenge.scheme());
    }
  }

  private static HttpResponse<String> put(URI uri, String mediaType, byte[] body, @Nullable String authorization)
      throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + request.method() + " " + request.uri(), e);
    }
  }

  private static String requireTag(@Nullable String tag, Path layout) {
    if (tag == null) {
      throw new IllegalArgumentException("image in " + layout + " was written without a tag (writeBlobs); push by layout and tag");
    }
    return tag;
  }

  /** The command line with any {@code --dest-creds} password masked. */
  private static String redact(List<String> cmd) {
    List<String> out = new ArrayList<>(cmd);
    for (int i = 0; i + 1 < out.size(); i++) {
      if (out.get(i).equals("--dest-creds")) {
        String c = out.get(i + 1);
        out.set(i + 1, c.substring(0, Math.max(0, c.indexOf(':'))) + ":***");
      }
    }
    return String.join(" ", out);
  }
}
