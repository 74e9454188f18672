package dev.drydock.index.golang;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Analyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Package;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Inventories the Go modules compiled into Go executables (ELF), from the build information the
 * Go toolchain embeds in every binary, the same data {@code go version -m} prints.
 *
 * <p>Executable regular files are scanned as a stream (see {@link BuildInfoScanner}), never
 * buffered whole. Results, all with the binary as path and attribute {@code goVersion}:
 *
 * <ul>
 *   <li>the main module, attribute {@code main=true}, version as recorded (often {@code (devel)});
 *   <li>each dependency module, a replaced one under its replacement's path and version, or, when
 *       replaced by a local directory, under its own with attribute {@code replacedBy};
 *   <li>the standard library as {@code stdlib}, versioned by the Go release ({@code 1.19.8}).
 * </ul>
 *
 * <p>Non-Go files yield nothing. A Go binary whose build info cannot be read (pre-Go 1.18
 * format, truncated, malformed, no module info) yields an {@link Diagnostic.Kind#INCOMPLETE}
 * diagnostic naming it and why, beside whatever could be read.
 *
 * @see <a href="https://pkg.go.dev/debug/buildinfo">debug/buildinfo</a>
 * @see <a href="https://go.dev/ref/mod#go-version-m">go version -m</a>
 */
public final class GoBinaryAnalyzer implements Analyzer {

  /** No ELF file holding Go build info is this small; smaller files are not worth opening. */
  static final long MIN_SIZE = 1024;

  @Override
  public String name() {
    return "gobinary";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(FileEntry entry) {
    return entry.isRegular() && entry.isExecutable() && entry.size() >= MIN_SIZE;
  }

  @Override
  public FileSink open(FileEntry entry) {
    BuildInfoScanner scanner = new BuildInfoScanner(entry.size());
    return new FileSink() {
      // A bug must not take the layer walk down: it becomes this file's diagnostic.
      private @Nullable RuntimeException failure;

      @Override
      public void write(byte[] buf, int off, int len) {
        if (failure == null) {
          try {
            scanner.write(buf, off, len);
          } catch (RuntimeException e) {
            failure = e;
          }
        }
      }

      @Override
      public AnalysisResult finish() {
        try {
          if (failure != null) {
            throw failure;
          }
          return result(entry.path(), scanner.finish());
        } catch (RuntimeException e) {
          return AnalysisResult.failed(Diagnostic.incomplete(
              "analyzer " + name() + " failed: " + e, entry.path(), name()));
        }
      }
    };
  }

  /** Turns a scan outcome into packages and diagnostics. */
  AnalysisResult result(String path, BuildInfoScanner.Outcome outcome) {
    return switch (outcome) {
      case BuildInfoScanner.NotGo n -> AnalysisResult.EMPTY;
      case BuildInfoScanner.Unreadable u -> AnalysisResult.failed(Diagnostic.incomplete(u.reason(), path, name()));
      case BuildInfoScanner.Found f -> {
        GoBuildInfo info = GoBuildInfo.parse(f.strings().goVersion(), f.strings().modInfo());
        yield packages(path, info);
      }
    };
  }

  /** The packages and diagnostics of one binary's parsed build info. */
  AnalysisResult packages(String path, GoBuildInfo info) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (String error : info.errors()) {
      diagnostics.add(Diagnostic.incomplete("unreadable Go build info " + error, path, name()));
    }
    if (info.goVersion().isBlank()) {
      diagnostics.add(Diagnostic.incomplete("Go build info without a Go version", path, name()));
      return AnalysisResult.of(List.of(), diagnostics);
    }
    List<Package> packages = new ArrayList<>(GoPackages.of(path, info));
    if (info.main() == null) {
      diagnostics.add(Diagnostic.incomplete("Go binary without module information (built in GOPATH mode or by"
          + " a build system such as Bazel)"
          + (info.path() == null || info.path().isEmpty() ? "" : " for " + info.path())
          + ": the modules compiled into it are not recorded; only the standard library is reported",
          path, name()));
    }
    return AnalysisResult.of(packages, diagnostics);
  }
}
