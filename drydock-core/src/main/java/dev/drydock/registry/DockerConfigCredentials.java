package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Credentials from docker's {@code config.json}: {@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}. Reads {@code auths} entries ({@code identitytoken}, base64
 * {@code auth} or {@code username}/{@code password}), and runs credential helpers named by {@code credHelpers}
 * (per registry) or {@code credsStore} (default) the way docker does
 * ({@code docker-credential-NAME get}, server URL on stdin, JSON on stdout).
 *
 * <p>Registry keys are compared after removing a scheme and path, and Docker Hub's historical
 * names ({@code https://index.docker.io/v1/}, {@code index.docker.io},
 * {@code registry-1.docker.io}) all mean {@code docker.io}.
 *
 * @see <a href="https://docs.docker.com/reference/cli/docker/#configuration-files">docker configuration files</a>
 */
public final class DockerConfigCredentials implements CredentialProvider {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonNode config;
  private final Path file;

  private DockerConfigCredentials(JsonNode config, Path file) {
    this.config = config;
    this.file = file;
  }

  /** Loads the user's config; a missing file yields a provider with no credentials. */
  public static CredentialProvider load() throws IOException {
    String dir = System.getenv("DOCKER_CONFIG");
    Path f = dir != null && !dir.isBlank()
        ? Path.of(dir, "config.json")
        : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    return load(f);
  }

  public static CredentialProvider load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return ANONYMOUS;
    }
    try {
      return new DockerConfigCredentials(JSON.readTree(file.toFile()), file);
    } catch (IOException e) {
      throw new IOException("read docker config " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Credentials> forRegistry(String host) throws IOException {
    String want = normalize(host);
    String helper = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = config.path("credHelpers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (normalize(e.getKey()).equals(want)) {
        helper = e.getValue().asText();
      }
    }
    if (helper == null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = config.path("auths").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (normalize(e.getKey()).equals(want)) {
          Optional<Credentials> c = fromAuthEntry(e.getKey(), e.getValue());
          if (c.isPresent()) {
            return c;
          }
        }
      }
      JsonNode store = config.get("credsStore");
      helper = store != null && store.isTextual() && !store.asText().isBlank() ? store.asText() : null;
    }
    return helper == null ? Optional.empty() : runHelper(helper, want);
  }

  private Optional<Credentials> fromAuthEntry(String key, JsonNode entry) throws IOException {
    String identityToken = entry.path("identitytoken").asText("");
    if (!identityToken.isEmpty()) {
      return Optional.of(Credentials.identityToken(identityToken)); // docker prefers it to auth, too
    }
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IOException("docker config " + file + ": auths[\"" + key + "\"].auth is not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw new IOException("docker config " + file + ": auths[\"" + key + "\"].auth is not base64 of user:password");
      }
      return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
    String user = entry.path("username").asText("");
    if (!user.isEmpty()) {
      return Optional.of(new Credentials(user, entry.path("password").asText("")));
    }
    return Optional.empty();
  }

  private Optional<Credentials> runHelper(String helper, String host) throws IOException {
    String program = "docker-credential-" + helper;
    String serverUrl = host.equals("docker.io") ? "https://index.docker.io/v1/" : host;
    Process p;
    try {
      p = new ProcessBuilder(program, "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new IOException("credential helper " + program + " (from " + file + ") could not be started: " + e.getMessage(), e);
    }
    try (OutputStream in = p.getOutputStream()) {
      in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    }
    byte[] out;
    try (InputStream o = p.getInputStream()) {
      out = o.readNBytes(1 << 20);
    }
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("credential helper " + program + " timed out");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while running " + program);
    }
    if (p.exitValue() != 0) {
      // Helpers exit non-zero with "credentials not found in native keychain" for unknown hosts.
      return Optional.empty();
    }
    JsonNode r = JSON.readTree(out);
    String user = text(r, "Username");
    String secret = text(r, "Secret");
    if (user == null || user.isEmpty() || secret == null) {
      return Optional.empty();
    }
    return Optional.of(new Credentials(user, secret));
  }

  private static @Nullable String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** {@code https://index.docker.io/v1/} → {@code docker.io}; {@code http://h:5000/x} → {@code h:5000}. */
  static String normalize(String key) {
    String k = key.trim();
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
    }
    int slash = k.indexOf('/');
    if (slash >= 0) {
      k = k.substring(0, slash);
    }
    k = k.toLowerCase(java.util.Locale.ROOT);
    return switch (k) {
      case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
      default -> k;
    };
  }
}
