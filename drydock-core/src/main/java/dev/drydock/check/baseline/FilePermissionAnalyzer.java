package dev.drydock.check.baseline;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Analyzer;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mode bits of regular files, from the tar header alone (the content is ignored):
 * setuid/setgid files outside {@link ExpectedSetuid} ({@code file_unexpected_setuid}) and
 * world-writable files under the system directories {@code bin}, {@code sbin}, {@code usr},
 * {@code lib*}, {@code etc}, {@code boot} and {@code opt} ({@code file_world_writable}; {@code opt}
 * because third-party software installed there is run by root like any other).
 *
 * <p>Every regular file is wanted, whatever its mode: a later layer that rewrites a file without
 * the bit must replace the earlier finding, and only a result for the new version does that.
 * Directories are not fed to analyzers by the layer walker, so world-writable directories are not
 * checked here.
 *
 * @see <a href="https://man7.org/linux/man-pages/man7/inode.7.html">inode(7): file mode bits</a>
 */
public final class FilePermissionAnalyzer implements Analyzer {

  private static final Set<String> SYSTEM_DIRECTORIES =
      Set.of("bin", "sbin", "usr", "lib", "lib32", "lib64", "libx32", "etc", "boot", "opt");

  @Override
  public String name() {
    return "baseline-file-permission";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(FileEntry entry) {
    return entry.isRegular();
  }

  @Override
  public FileSink open(FileEntry entry) {
    AnalysisResult result = check(entry);
    return new FileSink() {
      @Override
      public void write(byte[] buf, int off, int len) {
        // metadata only
      }

      @Override
      public AnalysisResult finish() {
        return result;
      }
    };
  }

  /** The findings for one file's metadata. */
  static AnalysisResult check(FileEntry e) {
    int unexpected = ExpectedSetuid.unexpected(e.path(), e.mode());
    boolean worldWritable = (e.mode() & 0002) != 0 && SYSTEM_DIRECTORIES.contains(topDirectory(e.path()));
    if (unexpected == 0 && !worldWritable) {
      return AnalysisResult.EMPTY;
    }
    String evidence = String.format("mode %04o, owner %d:%d", e.mode(), e.uid(), e.gid());
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("mode", String.format("%04o", e.mode()));
    attributes.put("owner", e.uid() + ":" + e.gid());
    Finding setuid = null;
    if (unexpected != 0) {
      Map<String, String> a = new LinkedHashMap<>(attributes);
      a.put("bits", unexpected == (ExpectedSetuid.SETUID | ExpectedSetuid.SETGID) ? "setuid,setgid"
          : unexpected == ExpectedSetuid.SETUID ? "setuid" : "setgid");
      setuid = BaselineItems.FILE_UNEXPECTED_SETUID.finding(e.path(), null, evidence, a);
    }
    Finding writable = worldWritable ? BaselineItems.FILE_WORLD_WRITABLE.finding(e.path(), null, evidence, attributes) : null;
    List<Finding> findings = setuid == null ? List.of(writable) : writable == null ? List.of(setuid) : List.of(setuid, writable);
    return AnalysisResult.ofFindings(findings, List.of());
  }

  private static String topDirectory(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
