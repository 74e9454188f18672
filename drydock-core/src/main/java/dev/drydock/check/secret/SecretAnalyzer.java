package dev.drydock.check.secret;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Analyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds secrets ({@link SecretRules}) in the text files of an image, streaming: each file is read
 * once through the keyword automaton, and only the lines where a rule's keyword occurred are
 * decoded and matched against that rule's RE2 regex. Memory is bounded whatever the file: a
 * line longer than {@link #MAX_SEGMENT} bytes is matched in overlapping segments, and at most
 * {@link #MAX_SCANNED} bytes of a file are scanned (the rest is named in an
 * {@link Diagnostic.Kind#INCOMPLETE} diagnostic).
 *
 * <p>Binary files are skipped: a NUL byte in the first {@value #SNIFF} bytes marks one (git's
 * heuristic). So are files whose name says they are compressed, compiled or media
 * ({@link #BINARY_EXTENSIONS}), without reading them.
 *
 * <p>Excluded paths ({@link #excluded}), each because it holds sample credentials by design and
 * would drown a report in findings nobody can act on:
 * <ul>
 *   <li>{@code usr/share/doc/}, {@code usr/share/man/}, {@code usr/share/info/}: documentation,
 *       whose examples show keys and passwords ({@code sudoers} examples, {@code curl} man pages);
 *   <li>{@code usr/share/locale/}: message catalogues, which translate words like "password";
 *   <li>{@code var/lib/apt/lists/}, {@code var/cache/apt/}, {@code var/cache/dnf/},
 *       {@code var/cache/yum/}, {@code var/lib/yum/repos/}: package indexes downloaded from the
 *       distribution's mirrors, public and tens of megabytes each (Debian's main {@code Packages}
 *       list is 50 MB), which would otherwise cost the most scanning time of a typical image;
 *   <li>any {@code test/}, {@code tests/}, {@code testdata/}, {@code __tests__/} directory, and
 *       {@code node_modules/<package>/test*}: test suites of installed packages ship deliberate
 *       keys (CPython's {@code Lib/test/*.pem}, Go's {@code crypto/tls/testdata}, npm packages'
 *       fixtures);
 *   <li>test sources by their language's naming convention ({@code *_test.go},
 *       {@code test_*.py}, {@code *_test.py}, {@code *.test.js}, {@code *.spec.ts} …): Go's own
 *       sources in every golang image ship {@code crypto/tls/example_test.go} with a private key
 *       and {@code net/url/url_test.go} with passwords in URLs.
 * </ul>
 * An application's own tests copied into an image are skipped too; that is the price of the
 * exclusions.
 *
 * <p>The secret value never leaves this package unmasked: findings carry {@link Mask}ed evidence,
 * and nothing here logs.
 */
public final class SecretAnalyzer implements Analyzer {

  /** Bytes sniffed for a NUL before a file counts as text. */
  static final int SNIFF = 8000;
  /** The longest piece of a line matched at once; longer lines are matched in overlapping segments. */
  static final int MAX_SEGMENT = 64 * 1024;
  /** Bytes a segment carries over into the next, longer than any secret the rules match. */
  static final int OVERLAP = 1024;
  /** Bytes of one file scanned at most. */
  static final long MAX_SCANNED = 64L << 20;
  /** Findings reported per file at most. */
  static final int MAX_FINDINGS = 100;

  static final Set<String> BINARY_EXTENSIONS = Set.of(
      "a", "o", "so", "ko", "bin", "exe", "dll", "pyc", "pyo", "class", "jar", "war", "ear", "whl", "mo", "gmo",
      "gz", "tgz", "xz", "txz", "bz2", "zst", "lz4", "lzma", "zip", "7z", "deb", "rpm", "apk",
      "png", "jpg", "jpeg", "gif", "bmp", "ico", "webp", "svgz", "tif", "tiff",
      "woff", "woff2", "ttf", "otf", "eot", "pcf", "mp3", "mp4", "ogg", "wav", "pdf");

  private static final List<String> EXCLUDED_PREFIXES = List.of(
      "usr/share/doc/", "usr/share/man/", "usr/share/info/", "usr/share/locale/",
      "var/lib/apt/lists/", "var/cache/apt/", "var/cache/dnf/", "var/cache/yum/", "var/lib/yum/repos/");
  private static final Set<String> TEST_DIRECTORIES = Set.of("test", "tests", "testdata", "__tests__");
  private static final List<String> TEST_FILE_SUFFIXES =
      List.of("_test.go", "_test.py", ".test.js", ".spec.js", ".test.ts", ".spec.ts");

  private final SecretScanner scanner;

  public SecretAnalyzer() {
    this(SecretScanner.defaults());
  }

  public SecretAnalyzer(SecretScanner scanner) {
    this.scanner = scanner;
  }

  @Override
  public String name() {
    return "secret";
  }

  @Override
  public int version() {
    return 1;
  }

  /** By path only, so every version of a path in every layer is judged alike. */
  @Override
  public boolean wants(FileEntry entry) {
    String path = entry.path();
    if (!entry.isRegular() || excluded(path)) {
      return false;
    }
    String name = entry.name();
    int dot = name.lastIndexOf('.');
    if (dot > 0 && BINARY_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT))) {
      return false;
    }
    return !name.contains(".so."); // libfoo.so.1.2
  }

  /** Whether {@code path} lies under a documentation, translation or test directory. */
  static boolean excluded(String path) {
    for (String p : EXCLUDED_PREFIXES) {
      if (path.startsWith(p)) {
        return true;
      }
    }
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    for (String suffix : TEST_FILE_SUFFIXES) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    if (name.startsWith("test_") && name.endsWith(".py")) {
      return true;
    }
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length; i++) {
      if (i < parts.length - 1 && TEST_DIRECTORIES.contains(parts[i])) {
        return true;
      }
      // node_modules/<package>/test* and node_modules/@scope/<package>/test* (files or directories)
      if (parts[i].startsWith("test") && (i >= 2 && parts[i - 2].equals("node_modules")
          || i >= 3 && parts[i - 3].equals("node_modules") && parts[i - 2].startsWith("@"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public FileSink open(FileEntry entry) {
    long inScope = scanner.rulesFor(entry.path());
    return new Sink(entry.path(), inScope, scanner.alwaysRun(inScope));
  }

  private final class Sink implements FileSink {
    private final String path;
    private final long inScope;
    private final long always;
    private final KeywordMatcher keywords = scanner.keywords();
    private byte[] head = new byte[SNIFF];
    private int headLength;
    private boolean decided;
    private boolean binary;
    private boolean truncated;
    private byte[] line = new byte[256];
    private int lineLength;
    private int carried;
    private long candidates;
    private int state = KeywordMatcher.START;
    private int lineNumber = 1;
    private long scanned;
    private final List<Finding> findings = new ArrayList<>(0);
    private int unlisted;

    Sink(String path, long inScope, long always) {
      this.path = path;
      this.inScope = inScope;
      this.always = always;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (binary || truncated) {
        return;
      }
      if (!decided) {
        int take = Math.min(len, SNIFF - headLength);
        System.arraycopy(b, off, head, headLength, take);
        headLength += take;
        off += take;
        len -= take;
        if (headLength < SNIFF) {
          return;
        }
        decide();
        if (binary) {
          return;
        }
      }
      feed(b, off, len);
    }

    private void decide() {
      decided = true;
      for (int i = 0; i < headLength; i++) {
        if (head[i] == 0) {
          binary = true;
          break;
        }
      }
      if (!binary) {
        feed(head, 0, headLength);
      }
      head = null;
    }

    private void feed(byte[] b, int off, int len) {
      for (int i = off, end = off + len; i < end; i++) {
        if (scanned == MAX_SCANNED) {
          truncated = true;
          return;
        }
        scanned++;
        byte c = b[i];
        if (c == '\n') {
          match();
          lineLength = 0;
          carried = 0;
          candidates = 0;
          lineNumber++;
          state = KeywordMatcher.START;
          continue;
        }
        if (lineLength == line.length) {
          if (lineLength == MAX_SEGMENT) {
            match();
            System.arraycopy(line, lineLength - OVERLAP, line, 0, OVERLAP);
            lineLength = OVERLAP;
            carried = OVERLAP; // keep the candidates: a keyword may sit in the carried bytes
          } else {
            line = java.util.Arrays.copyOf(line, Math.min(MAX_SEGMENT, line.length * 2));
          }
        }
        line[lineLength++] = c;
        state = keywords.next(state, c);
        candidates |= keywords.mask(state);
      }
    }

    /** Runs the rules whose keywords occurred (and the keyword-less rules in scope) on the current line. */
    private void match() {
      long run = (candidates & inScope) | always;
      if (run == 0 || lineLength == 0) {
        return;
      }
      int end = line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
      // ISO-8859-1 maps each byte to one char: offsets stay byte offsets, and no input is malformed.
      String text = new String(line, 0, end, StandardCharsets.ISO_8859_1);
      for (SecretScanner.Match m : scanner.matchLine(text, run, carried)) {
        if (findings.size() == MAX_FINDINGS) {
          unlisted++;
          continue;
        }
        findings.add(new Finding(Finding.Kind.SECRET, m.rule().key(), m.rule().name(), m.rule().level().key(),
            path, lineNumber, m.evidence(), Map.of(), null));
      }
    }

    @Override
    public AnalysisResult finish() {
      if (!decided) {
        decide();
      }
      List<Diagnostic> diagnostics = new ArrayList<>(0);
      if (!binary) {
        match();
        if (truncated) {
          diagnostics.add(Diagnostic.incomplete("secret scan stopped after the first " + MAX_SCANNED
              + " bytes of this text file; the rest was not checked", path, name()));
        }
        if (unlisted > 0) {
          diagnostics.add(Diagnostic.incomplete(unlisted + " more secret(s) in this file not listed (at most "
              + MAX_FINDINGS + " per file)", path, name()));
        }
      }
      line = null;
      return findings.isEmpty() && diagnostics.isEmpty() ? AnalysisResult.EMPTY
          : AnalysisResult.ofFindings(findings, diagnostics);
    }
  }
}
