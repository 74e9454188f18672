package dev.drydock.index;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The operating system of an image, from {@code os-release}.
 *
 * @param id lower-case distribution id ({@code debian}, {@code ubuntu}, {@code alpine}, {@code rhel} …)
 * @param versionId {@code VERSION_ID} ({@code 12}, {@code 22.04}, {@code 3.19.1}); may be absent
 *     (Debian testing/sid)
 * @param codename {@code VERSION_CODENAME} ({@code bookworm}), if any
 * @see <a href="https://www.freedesktop.org/software/systemd/man/os-release.html">os-release(5)</a>
 */
public record OsRelease(String id, @Nullable String versionId, @Nullable String codename,
    @Nullable String prettyName, List<String> idLike) {

  public OsRelease {
    idLike = List.copyOf(idLike);
  }

  /** {@code id-versionId} as used in package-url {@code distro} qualifiers, e.g. {@code debian-12}. */
  public String distro() {
    return versionId == null ? id : id + "-" + versionId;
  }
}
