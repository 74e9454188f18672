package dev.drydock.server.advisory;

import dev.drydock.server.task.TaskSettings;
import dev.drydock.vuln.db.AdvisoryDatabase;
import dev.drydock.vuln.db.DatabaseAdvisorySource;
import dev.drydock.vuln.db.DatabaseStatus;
import dev.drydock.vuln.db.SourceStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The server's advisory database file ({@code drydock.scan.advisory-db}, default
 * {@code DATA_DIR/advisories.db}: the file {@code drydock db import/update} writes by default),
 * opened read-only for each use so that an import by another process is seen at the next use.
 *
 * <p><b>Fingerprint.</b> What the database holds is identified by its build time and each source's
 * name and content checksum ({@code builtAt|sha256(name=sha256;…)}), read from the small
 * {@code meta} and {@code source} tables: cheap enough to check every few seconds. {@link #NONE}
 * when there is no database file.
 */
@Component
public class AdvisoryDatabases {

  public static final String NONE = "none";

  private final Path path;

  public AdvisoryDatabases(Environment env) {
    this.path = TaskSettings.from(env).advisoryDb();
  }

  public Path path() {
    return path;
  }

  /** An open database with the view the matcher uses and the fingerprint of what it holds. */
  public record Opened(AdvisoryDatabase database, DatabaseAdvisorySource source, String fingerprint)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      database.close();
    }
  }

  /** The database opened read-only, or empty when there is no database file. */
  public Optional<Opened> open() throws IOException {
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    AdvisoryDatabase db = AdvisoryDatabase.openReadOnly(path);
    try {
      DatabaseStatus status = db.status();
      return Optional.of(new Opened(db, new DatabaseAdvisorySource(db), fingerprint(status)));
    } catch (IOException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The fingerprint of the database file now. */
  public String fingerprint() throws IOException {
    if (!Files.isRegularFile(path)) {
      return NONE;
    }
    try (AdvisoryDatabase db = AdvisoryDatabase.openReadOnly(path)) {
      return fingerprint(db.status());
    }
  }

  static String fingerprint(DatabaseStatus s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (SourceStatus src : s.sources()) {
        md.update((src.name() + "=" + src.sha256() + ";").getBytes(StandardCharsets.UTF_8));
      }
      @Nullable Object built = s.builtAt();
      return (built == null ? "empty" : built.toString()) + "|" + HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
