package dev.drydock.vuln.feed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The advisory feed formats Drydock imports. */
public enum FeedKind {
  /**
   * OSV records: one JSON file (a record or an array of records), a directory tree of
   * {@code *.json} files, or a zip of them such as osv.dev's {@code <Ecosystem>/all.zip}.
   *
   * @see <a href="https://ossf.github.io/osv-schema/">OSV schema</a>
   */
  OSV("osv"),
  /**
   * The Debian Security Tracker's JSON export: source package → CVE → release → status.
   *
   * @see <a href="https://security-tracker.debian.org/tracker/data/json">tracker JSON</a>
   */
  DEBIAN_TRACKER("debian-tracker"),
  /**
   * An Alpine secdb file: {@code secdb.alpinelinux.org/v3.N/main.json} or {@code community.json}.
   *
   * @see <a href="https://secdb.alpinelinux.org/">Alpine secdb</a>
   */
  ALPINE_SECDB("alpine-secdb");

  private final String id;

  FeedKind(String id) {
    this.id = id;
  }

  /** The name used in the database, in messages and in source configuration: {@code osv} … */
  public String id() {
    return id;
  }

  /** The kind named {@code id} ({@code osv}, {@code debian-tracker}, {@code alpine-secdb}). */
  public static FeedKind fromId(String id) {
    String s = id.trim().toLowerCase(Locale.ROOT);
    for (FeedKind k : values()) {
      if (k.id.equals(s)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown feed kind " + id + " (osv, debian-tracker, alpine-secdb)");
  }

  /**
   * Recognises a feed by its content, never by its name: a directory or a zip is OSV; a JSON
   * document (gzip-compressed or not) is recognised by its first fields.
   *
   * @throws FeedException when the content is none of the kinds
   */
  public static FeedKind detect(Path path) throws IOException {
    return FeedDetector.detect(path);
  }
}
