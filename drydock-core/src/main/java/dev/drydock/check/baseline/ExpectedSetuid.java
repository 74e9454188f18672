package dev.drydock.check.baseline;

import java.util.HashMap;
import java.util.Map;

/**
 * Regular files that distributions install setuid or setgid on purpose, keyed by path (both the
 * {@code /bin} and the merged {@code /usr/bin} location where a distribution has used both), with
 * the bits each may carry. Anything else with a setuid or setgid bit is reported.
 *
 * <p>Sources: the files shipped with those bits by Debian 10-13 (login, passwd, mount, util-linux,
 * sudo, iputils-ping before file capabilities, uidmap, at, cron, bsdutils, libpam-modules,
 * openssh-client, dbus, policykit-1, fuse/fuse3, dma/exim4/postfix, eject, libutempter, mlocate,
 * plocate, dotlockfile), by RHEL/Fedora 8-10 (shadow-utils, util-linux, pam, sudo, cronie, polkit,
 * openssh, usermode, nfs-utils, initscripts) and Alpine's busybox-suid.
 */
final class ExpectedSetuid {

  static final int SETUID = 04000;
  static final int SETGID = 02000;
  private static final int BOTH = SETUID | SETGID;

  private static final Map<String, Integer> ALLOWED = new HashMap<>();

  static {
    // Account and login tools (shadow, util-linux, sudo, polkit).
    both("su", SETUID);
    both("passwd", SETUID);
    both("chsh", SETUID);
    both("chfn", SETUID);
    both("gpasswd", SETUID);
    both("newgrp", SETUID);
    both("chage", BOTH); // setgid shadow on Debian, setuid on RHEL
    both("expiry", SETGID);
    both("sudo", SETUID);
    both("pkexec", SETUID);
    both("newuidmap", SETUID);
    both("newgidmap", SETUID);
    sbin("unix_chkpwd", BOTH); // setgid shadow on Debian, setuid on RHEL
    sbin("pam_extrausers_chkpwd", SETGID);
    sbin("pam_timestamp_check", SETUID);
    sbin("userhelper", SETUID);
    sbin("usernetctl", SETUID);
    // Mounting.
    both("mount", SETUID);
    both("umount", SETUID);
    both("fusermount", SETUID);
    both("fusermount3", SETUID);
    sbin("mount.nfs", SETUID);
    // Networking before file capabilities (Debian 10 and older, CentOS 7).
    both("ping", SETUID);
    both("ping6", SETUID);
    both("traceroute6.iputils", SETUID);
    // Scheduling, terminals, mail, locate.
    both("at", SETUID);
    both("crontab", BOTH); // setgid crontab on Debian, setuid on RHEL
    both("wall", SETGID);
    both("write", SETGID);
    both("bsd-write", SETGID);
    both("ssh-agent", SETGID);
    both("dotlockfile", SETGID);
    both("mlocate", SETGID);
    both("plocate", SETGID);
    both("dma", SETGID);
    sbin("postdrop", SETGID);
    sbin("postqueue", SETGID);
    sbin("exim4", SETUID);
    // Helpers.
    path("usr/lib/dbus-1.0/dbus-daemon-launch-helper", SETUID);
    path("usr/libexec/dbus-1/dbus-daemon-launch-helper", SETUID);
    path("usr/lib/openssh/ssh-keysign", SETUID);
    path("usr/libexec/openssh/ssh-keysign", BOTH);
    path("usr/lib/policykit-1/polkit-agent-helper-1", SETUID);
    path("usr/lib/polkit-1/polkit-agent-helper-1", SETUID);
    path("usr/libexec/polkit-agent-helper-1", SETUID);
    path("usr/lib/eject/dmcrypt-get-device", SETUID);
    path("usr/libexec/utempter/utempter", SETGID);
    for (String triplet : new String[] {"x86_64-linux-gnu", "aarch64-linux-gnu", "arm-linux-gnueabihf",
        "i386-linux-gnu", "powerpc64le-linux-gnu", "s390x-linux-gnu"}) {
      path("usr/lib/" + triplet + "/utempter/utempter", SETGID);
    }
    path("bin/bbsuid", SETUID); // Alpine busybox-suid
  }

  private ExpectedSetuid() {}

  private static void path(String p, int bits) {
    ALLOWED.put(p, bits);
  }

  /** {@code bin/NAME} and {@code usr/bin/NAME}. */
  private static void both(String name, int bits) {
    path("bin/" + name, bits);
    path("usr/bin/" + name, bits);
  }

  /** {@code sbin/NAME} and {@code usr/sbin/NAME}. */
  private static void sbin(String name, int bits) {
    path("sbin/" + name, bits);
    path("usr/sbin/" + name, bits);
  }

  /** The setuid/setgid bits of {@code mode} that {@code path} is not expected to carry (0 if none). */
  static int unexpected(String path, int mode) {
    int bits = mode & BOTH;
    return bits & ~ALLOWED.getOrDefault(path, 0);
  }
}
