package dev.drydock.index;

import org.jspecify.annotations.Nullable;

/**
 * One tar entry of a layer, as analyzers see it.
 *
 * @param path normalised: relative to the image root, no leading {@code /} or {@code ./}, no
 *     {@code .} or {@code ..} components (see {@link dev.drydock.image.TarPaths#normalize})
 * @param mode permission bits including setuid/setgid/sticky ({@code 07777})
 * @param size content size in bytes (0 for anything but regular files)
 * @param linkTarget for links, the target as written in the tar
 */
public record FileEntry(String path, Type type, int mode, long size, long uid, long gid, @Nullable String linkTarget) {

  public enum Type { REGULAR, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO, OTHER }

  public static FileEntry regular(String path, long size) {
    return new FileEntry(path, Type.REGULAR, 0644, size, 0, 0, null);
  }

  /** The last path component. */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  public boolean isRegular() {
    return type == Type.REGULAR;
  }

  public boolean isExecutable() {
    return (mode & 0111) != 0;
  }
}
