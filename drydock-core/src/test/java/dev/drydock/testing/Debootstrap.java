package dev.drydock.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Debian 12 (bookworm) minbase root filesystem that {@code .ci/debootstrap-rootfs.sh} builds
 * once per machine, and its dpkg-query oracle.
 *
 * <p>Both live in {@code $DRYDOCK_TEST_CACHE} (default {@code ~/.cache/drydock-test}). The accessors
 * fail with a message naming the script when the files are absent; they never build them (that
 * needs root and network) and never skip.
 */
public final class Debootstrap {

  /** The script that creates the files, relative to the repository root. */
  public static final String SCRIPT = ".ci/debootstrap-rootfs.sh";
  public static final String ROOTFS_TAR = "bookworm-minbase.tar";
  public static final String ORACLE_TSV = "bookworm-minbase.dpkg-query.tsv";

  /**
   * One line of {@code dpkg-query -W -f='${Package}\t${Version}\t${source:Package}\t${source:Version}\t${Architecture}\t${db:Status-Status}\n'}.
   * For a binary package without a Source field, {@code sourcePackage} and {@code sourceVersion}
   * equal the binary's; a binNMU has a source version without the {@code +bN} suffix.
   *
   * @param status e.g. {@code installed}, {@code config-files}
   */
  public record DpkgQueryRow(
      String packageName, String version, String sourcePackage, String sourceVersion, String architecture,
      String status) {}

  private Debootstrap() {}

  /** {@code $DRYDOCK_TEST_CACHE}, or {@code ~/.cache/drydock-test}. */
  public static Path cacheDir() {
    String env = System.getenv("DRYDOCK_TEST_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "drydock-test");
  }

  /** The rootfs tar (numeric owners, entries sorted, names without {@code ./}); about 200 MB. */
  public static Path rootfsTar() {
    return require(ROOTFS_TAR);
  }

  /** The dpkg-query oracle: one tab-separated {@link DpkgQueryRow} per line, sorted by package. */
  public static Path dpkgQueryOracle() {
    return require(ORACLE_TSV);
  }

  /** The oracle parsed; throws IllegalStateException naming the file on a malformed line. */
  public static List<DpkgQueryRow> dpkgQueryRows() throws IOException {
    Path tsv = dpkgQueryOracle();
    List<DpkgQueryRow> rows = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 6) {
        throw new IllegalStateException(tsv + ":" + n + ": expected 6 tab-separated fields, got " + f.length);
      }
      rows.add(new DpkgQueryRow(f[0], f[1], f[2], f[3], f[4], f[5]));
    }
    return rows;
  }

  private static Path require(String name) {
    return require(cacheDir(), name);
  }

  static Path require(Path cacheDir, String name) {
    Path p = cacheDir.resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(p + " not found: run " + SCRIPT
          + " once on this machine (as root, with network to deb.debian.org; set DRYDOCK_TEST_CACHE to use"
          + " another folder)");
    }
    return p;
  }
}
