package dev.drydock.image;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Path hygiene for tar entries. Nothing is ever written to disk from a layer, so a hostile name
 * cannot escape anything; normalising still matters, because analyzers match on paths and
 * reports name them. {@code ..} that would climb above the root is clamped at the root, which is
 * what container runtimes do when they unpack such an entry (containerd resolves names inside
 * the root), so the file is analysed where it would really land.
 */
public final class TarPaths {

  private TarPaths() {}

  /** A normalised path and whether normalising had to clamp something that pointed outside. */
  public record Normalized(String path, boolean escaped) {}

  public static Normalized normalize(String raw) {
    boolean escaped = raw.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String c : raw.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (parts.isEmpty()) {
          escaped = true;
        } else {
          parts.removeLast();
        }
        continue;
      }
      parts.addLast(c);
    }
    return new Normalized(String.join("/", parts), escaped);
  }

  /**
   * Whether a symlink at {@code linkPath} with a relative {@code target} points above the image
   * root. Absolute targets are rooted in the image by the runtime and never escape.
   */
  public static boolean symlinkEscapes(String linkPath, String target) {
    if (target.startsWith("/")) {
      return false;
    }
    int depth = 0;
    String[] parent = linkPath.split("/");
    depth = parent.length - 1; // components of the directory holding the link
    for (String c : target.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else {
        depth++;
      }
    }
    return false;
  }

  /** The directory part of a normalised path, {@code ""} for top-level names. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
