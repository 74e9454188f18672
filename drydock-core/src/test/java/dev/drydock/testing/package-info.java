/**
 * Integration-test infrastructure: real programs, no mocks.
 *
 * <ul>
 *   <li>{@link dev.drydock.testing.RegistryProcess}: Debian's {@code docker-registry} (distribution
 *       2.8.2) on loopback, anonymous, HTTP Basic (htpasswd/bcrypt) or bearer-token auth;
 *   <li>{@link dev.drydock.testing.TokenRealm}: the token server for the latter, recording the
 *       scopes clients ask for;
 *   <li>{@link dev.drydock.testing.OciImageBuilder}: deterministic OCI layouts, images and indexes,
 *       including hostile tar entries;
 *   <li>{@link dev.drydock.testing.Skopeo}: pushes layouts, converts them to archives, PUTs
 *       hand-made manifests;
 *   <li>{@link dev.drydock.testing.Debootstrap}: the Debian bookworm minbase rootfs tar and its
 *       dpkg-query oracle, built by {@code .ci/debootstrap-rootfs.sh}.
 * </ul>
 *
 * <p>Machine prerequisites: {@code apt-get install docker-registry skopeo debootstrap}, then {@code
 * .ci/debootstrap-rootfs.sh} once (root, network). Each helper fails with a message naming what is
 * missing rather than skipping.
 *
 * <p>These classes ship in drydock-core's test-jar. A module that uses them must also declare the
 * test-scoped {@code org.bouncycastle:bcpkix-jdk18on} (certificates, JWT keys and bcrypt), which
 * test-jars do not bring along.
 */
package dev.drydock.testing;
