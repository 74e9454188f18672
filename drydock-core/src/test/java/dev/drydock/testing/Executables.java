package dev.drydock.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the external programs the test infrastructure runs, failing with the command that installs them. */
public final class Executables {

  private Executables() {}

  /**
   * The executable {@code name} from {@code PATH} or the usual system directories.
   *
   * @param installHint how to get it, e.g. {@code apt-get install skopeo}
   * @throws IllegalStateException "NAME not found: INSTALL HINT" when there is none
   */
  public static Path require(String name, String installHint) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
    }
    dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
    for (String d : dirs) {
      if (d.isEmpty()) {
        continue;
      }
      Path p = Path.of(d, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(name + " not found: " + installHint);
  }
}
