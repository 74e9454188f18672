package dev.drydock.image.layout;

import dev.drydock.image.ImageException;
import dev.drydock.image.TarPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The regular-file entries of an uncompressed tar archive (an {@code oci-archive} or a
 * {@code docker save} file) with the offsets of their data, so entries can be read later, in any
 * order and in parallel, without unpacking the archive.
 */
final class TarIndex {

  record Entry(long offset, long size) {}

  private final Path file;
  private final Map<String, Entry> entries;

  private TarIndex(Path file, Map<String, Entry> entries) {
    this.file = file;
    this.entries = entries;
  }

  static TarIndex read(Path file) throws IOException {
    Map<String, Entry> entries = new HashMap<>();
    try (TarFile tar = new TarFile(file)) {
      for (TarArchiveEntry e : tar.getEntries()) {
        if (e.isFile() && !e.isDirectory()) {
          entries.put(TarPaths.normalize(e.getName()).path(), new Entry(e.getDataOffset(), e.getSize()));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new ImageException("cannot read archive " + file + " (an uncompressed tar is expected): " + e.getMessage(), e);
    }
    return new TarIndex(file, entries);
  }

  Optional<Entry> entry(String path) {
    return Optional.ofNullable(entries.get(TarPaths.normalize(path).path()));
  }

  boolean has(String path) {
    return entry(path).isPresent();
  }

  InputStream open(String path) throws IOException {
    Entry e = entry(path).orElseThrow(() -> new ImageException("archive " + file + " has no entry " + path));
    return new FileRangeInputStream(file, e.offset(), e.size());
  }

  byte[] readSmall(String path, long max) throws IOException {
    Entry e = entry(path).orElseThrow(() -> new ImageException("archive " + file + " has no entry " + path));
    if (e.size() > max) {
      throw new ImageException("entry " + path + " of archive " + file + " is larger than " + max + " bytes");
    }
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    }
  }
}
