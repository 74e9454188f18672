package dev.drydock.image;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An image platform ({@code os/architecture[/variant]}), as in an OCI index's {@code platform}
 * object. Comparison normalises the way containerd does: {@code arm64} without a variant is
 * {@code arm64/v8}, {@code arm} without a variant is {@code arm/v7}, and {@code x86_64}/{@code
 * aarch64} are aliases.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">OCI image index</a>
 */
public record Platform(String os, String architecture, @Nullable String variant) {

  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

  public Platform {
    if (os.isBlank() || architecture.isBlank()) {
      throw new IllegalArgumentException("platform needs an os and an architecture");
    }
    if (variant != null && variant.isBlank()) {
      variant = null;
    }
  }

  /** Parses {@code os/arch[/variant]}, e.g. {@code linux/arm64/v8}. */
  public static Platform parse(String s) {
    String[] parts = s.trim().toLowerCase(Locale.ROOT).split("/");
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException("malformed platform (want os/arch[/variant]): " + s);
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /** Whether an index entry for {@code other} satisfies a request for this platform. */
  public boolean matches(Platform other) {
    Platform a = normalized();
    Platform b = other.normalized();
    if (!a.os.equals(b.os) || !a.architecture.equals(b.architecture)) {
      return false;
    }
    // A request without a variant accepts any variant; otherwise they must agree.
    return variant == null || java.util.Objects.equals(a.variant, b.variant);
  }

  private Platform normalized() {
    String arch = switch (architecture) {
      case "x86_64", "x86-64" -> "amd64";
      case "aarch64" -> "arm64";
      case "armhf" -> "arm";
      case "i386", "i686" -> "386";
      default -> architecture;
    };
    String v = variant;
    if (v == null && arch.equals("arm64")) {
      v = "v8";
    } else if (v == null && arch.equals("arm")) {
      v = "v7";
    }
    return new Platform(os, arch, v);
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
