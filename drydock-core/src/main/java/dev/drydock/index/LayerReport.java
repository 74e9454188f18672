package dev.drydock.index;

import java.util.List;

/**
 * Everything the analyzers found in one layer, on its own: this is what the layer cache stores,
 * keyed by layer digest and analyzer set, so a base layer shared by many images is read once.
 *
 * @param files results per (path, analyzer), in tar order
 * @param whiteouts paths this layer deletes from the layers below ({@code .wh.NAME})
 * @param opaqueDirs directories whose lower-layer contents this layer hides ({@code .wh..wh..opq})
 * @param diagnostics anything that went wrong or looked hostile, with paths
 * @param entries number of tar entries
 * @param uncompressedBytes size of the uncompressed tar stream
 * @param directories the directories this layer has, by entry or as a parent of an entry: a lower
 *     layer's file at one of these paths is replaced by a directory
 * @param nonDirectories the paths of every other entry (files, symlinks, hard links, devices): a
 *     lower layer's directory at one of these paths is replaced, and everything under it hidden
 */
public record LayerReport(
    String layer,
    String analyzersKey,
    List<FileResult> files,
    List<String> whiteouts,
    List<String> opaqueDirs,
    List<Diagnostic> diagnostics,
    long entries,
    long uncompressedBytes,
    PathHashes directories,
    PathHashes nonDirectories) {

  public LayerReport {
    files = List.copyOf(files);
    whiteouts = List.copyOf(whiteouts);
    opaqueDirs = List.copyOf(opaqueDirs);
    diagnostics = List.copyOf(diagnostics);
    directories = directories == null ? PathHashes.EMPTY : directories;
    nonDirectories = nonDirectories == null ? PathHashes.EMPTY : nonDirectories;
  }
}
