package dev.drydock.registry;

import java.util.Optional;

/** Finds credentials for a registry host ({@code host[:port]}; Docker Hub is {@code docker.io}). */
@FunctionalInterface
public interface CredentialProvider {

  CredentialProvider ANONYMOUS = host -> Optional.empty();

  Optional<Credentials> forRegistry(String host) throws java.io.IOException;

  /** The same credentials for every host (CLI {@code --username}/{@code --password-stdin}). */
  static CredentialProvider fixed(Credentials c) {
    return host -> Optional.of(c);
  }

  /** This provider, falling back to {@code other} when it has nothing for a host. */
  default CredentialProvider orElse(CredentialProvider other) {
    return host -> {
      Optional<Credentials> c = forRegistry(host);
      return c.isPresent() ? c : other.forRegistry(host);
    };
  }
}
