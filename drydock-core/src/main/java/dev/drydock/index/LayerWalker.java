package dev.drydock.index;

import com.github.luben.zstd.ZstdInputStream;
import dev.drydock.image.ImageException;
import dev.drydock.image.TarPaths;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads one layer's tar stream once, from beginning to end, feeding each regular file to the
 * analyzers that want it. Nothing is unpacked to disk and only wanted files are buffered (by the
 * analyzers themselves, within their caps).
 *
 * <p>Compression is recognised by magic bytes (gzip {@code 1f 8b}, zstd {@code 28 b5 2f fd}), not
 * trusted from the media type: {@code docker save} archives and some registries label layers
 * loosely. Anything else is read as a plain tar.
 *
 * <p>Corruption (truncated or malformed compression or tar data) and {@link IndexLimits}
 * violations throw {@link ImageException}; hostile but well-formed entries (names climbing out
 * of the root, links pointing outside it, device files) are not errors: they are normalised or
 * ignored and reported as warnings.
 */
public final class LayerWalker {

  private static final int CHUNK = 64 * 1024;

  private final List<Analyzer> analyzers;
  private final IndexLimits limits;

  public LayerWalker(List<Analyzer> analyzers, IndexLimits limits) {
    this.analyzers = List.copyOf(analyzers);
    this.limits = limits;
  }

  /**
   * Walks a layer.
   *
   * @param layer the layer's digest, used in reports and messages
   * @param raw the blob as stored (compressed or not); read to its end before this returns
   */
  public LayerReport walk(String layer, String analyzersKey, InputStream raw) throws IOException {
    CountingInputStream compressed = new CountingInputStream(raw);
    // Decompression runs on its own thread, ahead of tar parsing and the analyzers.
    InputStream tarStream = new ReadAheadInputStream(decompress(layer, compressed), 256 * 1024, 8, "inflate " + layer);
    BombGuard guarded = new BombGuard(tarStream, compressed, layer);

    List<FileResult> files = new ArrayList<>();
    List<String> whiteouts = new ArrayList<>();
    List<String> opaque = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    Map<String, FileEntry> wantedEntries = new HashMap<>();
    Map<String, List<FileResult>> resultsByPath = new HashMap<>();
    PathHashes.Builder directories = new PathHashes.Builder();
    PathHashes.Builder nonDirectories = new PathHashes.Builder();
    java.util.Set<String> parents = new java.util.HashSet<>();
    long entries = 0;
    byte[] buf = new byte[CHUNK];

    try {
      TarArchiveInputStream tar = new TarArchiveInputStream(guarded, StandardCharsets.UTF_8.name());
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (++entries > limits.maxEntries()) {
          throw new ImageException("layer " + layer + " rejected: more than " + limits.maxEntries() + " entries");
        }
        TarPaths.Normalized n = TarPaths.normalize(e.getName());
        String path = n.path();
        if (path.isEmpty()) {
          continue; // the root itself ("./" or "/")
        }
        if (n.escaped()) {
          diagnostics.add(Diagnostic.warning("hostile tar entry name \"" + e.getName()
              + "\" points outside the image root; analysed as /" + path, path, null).inLayer(layer));
        }
        String base = name(path);
        if (base.startsWith(".wh.")) {
          String dir = TarPaths.parent(path);
          if (base.equals(".wh..wh..opq")) {
            opaque.add(dir);
          } else if (!base.startsWith(".wh..wh.")) { // other .wh..wh. names are aufs bookkeeping
            whiteouts.add(dir.isEmpty() ? base.substring(4) : dir + "/" + base.substring(4));
          }
          continue;
        }
        if (e.isDirectory()) {
          directories.add(path);
        } else {
          nonDirectories.add(path);
        }
        for (String p = TarPaths.parent(path); !p.isEmpty() && parents.add(p); p = TarPaths.parent(p)) {
          directories.add(p); // a parent without an entry of its own is a directory all the same
        }
        if (e.isSymbolicLink()) {
          if (TarPaths.symlinkEscapes(path, e.getLinkName())) {
            diagnostics.add(Diagnostic.warning("symlink /" + path + " -> " + e.getLinkName()
                + " points outside the image root; not followed", path, null).inLayer(layer));
          }
          continue;
        }
        if (e.isLink()) {
          hardlink(layer, path, e.getLinkName(), wantedEntries, resultsByPath, files, diagnostics);
          continue;
        }
        if (!e.isFile() || e.isDirectory()) {
          continue; // directories, devices, fifos: nothing to read
        }
        FileEntry entry = new FileEntry(path, FileEntry.Type.REGULAR, e.getMode() & 07777, e.getSize(),
            e.getLongUserId(), e.getLongGroupId(), null);
        List<Analyzer> interested = new ArrayList<>(2);
        for (Analyzer a : analyzers) {
          if (a.wants(entry)) {
            interested.add(a);
          }
        }
        if (interested.isEmpty()) {
          discard(tar, buf);
          continue;
        }
        wantedEntries.put(path, entry);
        List<FileResult> here = feed(layer, tar, entry, interested, buf, diagnostics);
        files.removeIf(r -> r.path().equals(path)); // a later entry for the same path wins
        files.addAll(here);
        resultsByPath.put(path, here);
      }
      // Read the tar padding and the compression trailer too, so truncation and CRC errors surface.
      drain(guarded, buf);
      // Then the rest of the blob (bytes after the compressed stream's end), so it is all verified.
      drain(compressed, buf);
    } catch (ImageException ex) {
      throw ex;
    } catch (EOFException | ZipException ex) {
      throw new ImageException("corrupt layer " + layer + ": truncated or malformed data (" + ex.getMessage() + ")", ex);
    } catch (IOException | IllegalArgumentException | IllegalStateException ex) {
      if (ex instanceof java.io.InterruptedIOException) {
        throw (java.io.InterruptedIOException) ex;
      }
      throw new ImageException("corrupt layer " + layer + ": " + ex.getMessage(), ex);
    } finally {
      tarStream.close();
    }
    return new LayerReport(layer, analyzersKey, files, whiteouts, opaque, diagnostics, entries, guarded.count,
        directories.build(), nonDirectories.build());
  }

  private List<FileResult> feed(String layer, InputStream content, FileEntry entry, List<Analyzer> interested,
      byte[] buf, List<Diagnostic> diagnostics) throws IOException {
    Analyzer.FileSink[] sinks = new Analyzer.FileSink[interested.size()];
    for (int i = 0; i < sinks.length; i++) {
      sinks[i] = interested.get(i).open(entry);
    }
    int r;
    while ((r = content.read(buf, 0, buf.length)) > 0) {
      for (int i = 0; i < sinks.length; i++) {
        if (sinks[i] == null) {
          continue;
        }
        try {
          sinks[i].write(buf, 0, r);
        } catch (IOException | RuntimeException ex) {
          diagnostics.add(Diagnostic.incomplete("analyzer " + interested.get(i).name() + " failed: " + ex,
              entry.path(), interested.get(i).name()).inLayer(layer));
          sinks[i] = null;
        }
      }
    }
    List<FileResult> out = new ArrayList<>(sinks.length);
    for (int i = 0; i < sinks.length; i++) {
      if (sinks[i] == null) {
        continue;
      }
      String name = interested.get(i).name();
      AnalysisResult result;
      try {
        result = sinks[i].finish();
      } catch (RuntimeException ex) {
        result = AnalysisResult.failed(Diagnostic.incomplete("analyzer " + name + " failed: " + ex, entry.path(), name));
      }
      for (Diagnostic d : result.diagnostics()) {
        diagnostics.add(new Diagnostic(d.kind(), d.message(), layer, d.path() == null ? entry.path() : d.path(),
            d.analyzer() == null ? name : d.analyzer()));
      }
      // An empty result is kept too: it records that this layer replaced the file, which hides
      // whatever a lower layer's version of the file held.
      out.add(new FileResult(entry.path(), name, result.packages(), result.os(), result.findings()));
    }
    return out;
  }

  private void hardlink(String layer, String path, String rawTarget, Map<String, FileEntry> wantedEntries,
      Map<String, List<FileResult>> resultsByPath, List<FileResult> files, List<Diagnostic> diagnostics) {
    TarPaths.Normalized target = TarPaths.normalize(rawTarget);
    if (target.escaped()) {
      diagnostics.add(Diagnostic.warning("hard link /" + path + " -> " + rawTarget
          + " points outside the image root; resolved inside it", path, null).inLayer(layer));
    }
    FileEntry targetEntry = wantedEntries.get(target.path());
    List<FileResult> targetResults = resultsByPath.get(target.path());
    if (targetEntry == null || targetResults == null) {
      return; // the target was not wanted, so neither is the link's content
    }
    FileEntry linkEntry = new FileEntry(path, FileEntry.Type.REGULAR, targetEntry.mode(), targetEntry.size(),
        targetEntry.uid(), targetEntry.gid(), null);
    List<FileResult> copies = new ArrayList<>();
    for (FileResult r : targetResults) {
      for (Analyzer a : analyzers) {
        if (a.name().equals(r.analyzer()) && a.wants(linkEntry)) {
          copies.add(r.withPath(path));
        }
      }
    }
    if (!copies.isEmpty()) {
      files.removeIf(r -> r.path().equals(path));
      files.addAll(copies);
      resultsByPath.put(path, copies);
      wantedEntries.put(path, linkEntry);
    }
  }

  private static InputStream decompress(String layer, InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, CHUNK);
    b.mark(4);
    byte[] magic = b.readNBytes(4);
    b.reset();
    try {
      if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
        return new GZIPInputStream(b, CHUNK);
      }
      if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
          && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
        return new BufferedInputStream(new ZstdInputStream(b), CHUNK);
      }
    } catch (EOFException | ZipException ex) {
      throw new ImageException("corrupt layer " + layer + ": truncated or malformed compressed data", ex);
    }
    return b;
  }

  /** Reads past an entry's content; cheaper than letting the tar stream skip it. */
  private static void discard(InputStream entry, byte[] buf) throws IOException {
    while (entry.read(buf, 0, buf.length) > 0) {
      // discard
    }
  }

  private static void drain(InputStream in, byte[] buf) throws IOException {
    while (in.read(buf, 0, buf.length) >= 0) {
      // discard
    }
  }

  private static String name(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** Counts compressed bytes, for progress and the bomb ratio. */
  static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** Enforces {@link IndexLimits} on the uncompressed stream. */
  private final class BombGuard extends FilterInputStream {
    private final CountingInputStream compressed;
    private final String layer;
    long count;

    BombGuard(InputStream in, CountingInputStream compressed, String layer) {
      super(in);
      this.compressed = compressed;
      this.layer = layer;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        account(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        account(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = in.skip(n);
      if (s > 0) {
        account(s);
      }
      return s;
    }

    private void account(long n) throws ImageException {
      count += n;
      if (count > limits.maxLayerBytes()) {
        throw new ImageException("layer " + layer + " rejected: expands beyond " + limits.maxLayerBytes()
            + " bytes (possible decompression bomb)");
      }
      if (count > limits.ratioGraceBytes() && count > limits.maxRatio() * Math.max(1, compressed.count)) {
        throw new ImageException("layer " + layer + " rejected: expands more than " + limits.maxRatio()
            + " times its compressed size (decompression bomb)");
      }
    }
  }
}
