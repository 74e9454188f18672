package dev.drydock.check.baseline;

import static dev.drydock.check.Level.HIGH;
import static dev.drydock.check.Level.LOW;
import static dev.drydock.check.Level.MEDIUM;
import static dev.drydock.check.baseline.BaselineClass.ACCOUNT;
import static dev.drydock.check.baseline.BaselineClass.FILE_PERMISSION;
import static dev.drydock.check.baseline.BaselineClass.IMAGE_CONFIG;
import static dev.drydock.check.baseline.BaselineClass.SSH;
import static dev.drydock.check.baseline.BaselineClass.SUDO;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The explicit registry of baseline items: one record per check, no classpath scanning. CIS Docker
 * references are item numbers of the CIS Docker Benchmark v1.6.0 (section 4, "Container Images and
 * Build File"; section 5, "Container Runtime"); CIS Linux references quote the title of the item,
 * whose number differs between the distribution-specific Linux benchmarks.
 */
public final class BaselineItems {
  private BaselineItems() {}

  // ------------------------------------------------------------------ image configuration

  public static final BaselineItem CONFIG_RUN_AS_ROOT = new BaselineItem("config_run_as_root", IMAGE_CONFIG,
      "Image runs as root", MEDIUM,
      "The image sets no USER, or sets root (0). A process that escapes or is compromised in the container"
          + " starts with root's privileges there, and with root on the host when user namespaces are off.",
      "Create an unprivileged user in the image and add USER <name> (or a numeric UID) to the Dockerfile.",
      "CIS Docker Benchmark 4.1");
  public static final BaselineItem CONFIG_ENV_SECRET = new BaselineItem("config_env_secret", IMAGE_CONFIG,
      "Secret in an environment variable of the image", HIGH,
      "An ENV instruction stores a credential in the image configuration, which anyone who can pull the image"
          + " can read (docker inspect), and every container inherits it.",
      "Remove the ENV; pass the secret at run time (an orchestrator secret, a mounted file, --env-file) and"
          + " revoke the exposed credential.",
      "CIS Docker Benchmark 4.10");
  public static final BaselineItem CONFIG_LABEL_SECRET = new BaselineItem("config_label_secret", IMAGE_CONFIG,
      "Secret in an image label", HIGH,
      "A LABEL stores a credential in the image configuration, readable by anyone who can pull the image.",
      "Remove the label and revoke the exposed credential.", "CIS Docker Benchmark 4.10");
  public static final BaselineItem CONFIG_HISTORY_SECRET = new BaselineItem("config_history_secret", IMAGE_CONFIG,
      "Secret in the build history", HIGH,
      "A build command recorded in the image history holds a credential: build arguments (ARG) used by a RUN"
          + " are written into the history, which anyone who can pull the image can read (docker history).",
      "Pass build-time secrets with BuildKit secret mounts (RUN --mount=type=secret), never ARG or ENV, and"
          + " revoke the exposed credential.",
      "CIS Docker Benchmark 4.10");
  public static final BaselineItem CONFIG_RISKY_PORT = new BaselineItem("config_risky_port", IMAGE_CONFIG,
      "Image exposes a risky port", MEDIUM,
      "EXPOSE declares a port of a service that is remotely exploitable when reachable: a remote shell, a"
          + " cleartext protocol, a container or cluster control API, or a data store without authentication"
          + " by default. The port attribute names the service and why.",
      "Remove the EXPOSE and the service if the container does not need it; otherwise require authentication"
          + " and TLS, and publish the port only on trusted networks.",
      "CIS Docker Benchmark 5.8, 5.6");
  public static final BaselineItem CONFIG_NO_HEALTHCHECK = new BaselineItem("config_no_healthcheck", IMAGE_CONFIG,
      "Image has no HEALTHCHECK", LOW,
      "Without a HEALTHCHECK (or with HEALTHCHECK NONE) the engine cannot tell a hung container from a healthy"
          + " one, so a compromised or broken service keeps running unnoticed.",
      "Add a HEALTHCHECK instruction that probes the service (or rely on the orchestrator's probes and"
          + " accept this finding).",
      "CIS Docker Benchmark 4.6");
  public static final BaselineItem CONFIG_REMOTE_ADD = new BaselineItem("config_remote_add", IMAGE_CONFIG,
      "ADD fetches a remote URL", MEDIUM,
      "ADD <http(s) URL> downloads content at build time without verifying it: whoever controls the server or"
          + " the network path controls what goes into the image.",
      "Download with a checksum check (ADD --checksum=sha256:… or curl and sha256sum -c in a RUN), or COPY a"
          + " verified file from the build context.",
      "CIS Docker Benchmark 4.9");
  public static final BaselineItem CONFIG_PIPE_TO_SHELL = new BaselineItem("config_pipe_to_shell", IMAGE_CONFIG,
      "Build runs a downloaded script unverified", MEDIUM,
      "A build step pipes curl or wget output into a shell or interpreter (curl … | sh): the script runs as"
          + " it arrives, unverified, with the build's privileges.",
      "Download the script, check its checksum or signature, then run it; better, install from a signed"
          + " package repository.",
      "CIS Docker Benchmark 4.9, 4.11");

  // ------------------------------------------------------------------ accounts

  public static final BaselineItem ACCOUNT_EMPTY_PASSWORD = new BaselineItem("account_empty_password", ACCOUNT,
      "Account with an empty password", HIGH,
      "The account's password field is empty: anyone who reaches a login prompt (su, ssh with"
          + " PermitEmptyPasswords, a PAM stack with nullok) logs in without a password.",
      "Lock the account (passwd -l, or \"*\" / \"!\" in the password field) or give it a strong password.",
      "shadow(5); CIS Linux: Ensure password fields are not empty");
  public static final BaselineItem ACCOUNT_WEAK_PASSWORD = new BaselineItem("account_weak_password", ACCOUNT,
      "Account with a weak password", HIGH,
      "The account's password hash matches the account name, an empty string, or a password from the list of"
          + " common passwords Drydock bundles: it falls to the first guesses of any password attack.",
      "Lock the account in the image (passwd -l) and inject credentials at run time if any are needed.",
      "shadow(5), crypt(5)");
  public static final BaselineItem ACCOUNT_EXTRA_UID0 = new BaselineItem("account_extra_uid0", ACCOUNT,
      "Account other than root with UID 0", HIGH,
      "An account other than root has UID 0, so it has root's privileges under another name, a classic"
          + " backdoor that audits of \"root\" miss.",
      "Remove the account or give it its own UID.", "passwd(5); CIS Linux: Ensure root is the only UID 0 account");
  public static final BaselineItem ACCOUNT_PASSWD_HASH = new BaselineItem("account_passwd_hash", ACCOUNT,
      "Password hash in /etc/passwd", MEDIUM,
      "/etc/passwd holds a password hash instead of \"x\": the file is world-readable, so every local user"
          + " can copy the hash and crack it offline.",
      "Move the hash to /etc/shadow (pwconv), or lock the account.", "passwd(5); CIS Linux: Ensure accounts in /etc/passwd use shadowed passwords");

  // ------------------------------------------------------------------ ssh

  public static final BaselineItem SSH_PERMIT_ROOT_LOGIN = new BaselineItem("ssh_permit_root_login", SSH,
      "SSH allows root to log in with a password", HIGH,
      "sshd_config sets PermitRootLogin yes: root can log in over SSH with a password, the first account"
          + " every brute-force attempt tries.",
      "Set PermitRootLogin no (or prohibit-password, the default since OpenSSH 7.0).",
      "sshd_config(5); CIS Linux: Ensure SSH root login is disabled");
  public static final BaselineItem SSH_PASSWORD_AUTHENTICATION = new BaselineItem("ssh_password_authentication", SSH,
      "SSH allows password authentication", MEDIUM,
      "sshd_config sets PasswordAuthentication yes: accounts can be brute-forced over the network.",
      "Set PasswordAuthentication no and use public keys.", "sshd_config(5)");
  public static final BaselineItem SSH_PERMIT_EMPTY_PASSWORDS = new BaselineItem("ssh_permit_empty_passwords", SSH,
      "SSH allows empty passwords", HIGH,
      "sshd_config sets PermitEmptyPasswords yes: accounts with an empty password log in over the network"
          + " with no credential at all.",
      "Set PermitEmptyPasswords no (the default).", "sshd_config(5); CIS Linux: Ensure SSH PermitEmptyPasswords is disabled");

  // ------------------------------------------------------------------ sudo

  public static final BaselineItem SUDO_NOPASSWD_ALL = new BaselineItem("sudo_nopasswd_all", SUDO,
      "sudo grants all commands without a password", HIGH,
      "A sudoers rule grants ALL commands with NOPASSWD: whoever gets code execution as that user (or group)"
          + " is root at once, with no password standing in the way.",
      "Grant only the commands needed, and require a password (drop NOPASSWD), or do not install sudo in"
          + " the image.",
      "sudoers(5); CIS Linux: Ensure users must provide password for privilege escalation");
  public static final BaselineItem SUDO_NO_AUTHENTICATE = new BaselineItem("sudo_no_authenticate", SUDO,
      "sudo never asks for a password", HIGH,
      "sudoers sets Defaults !authenticate: every rule behaves as NOPASSWD.",
      "Remove the !authenticate default.", "sudoers(5); CIS Linux: Ensure re-authentication for privilege escalation is not disabled globally");

  // ------------------------------------------------------------------ file permissions

  public static final BaselineItem FILE_UNEXPECTED_SETUID = new BaselineItem("file_unexpected_setuid", FILE_PERMISSION,
      "Unexpected setuid or setgid file", MEDIUM,
      "A regular file has the setuid or setgid bit and is not one of the well-known binaries that need it"
          + " (su, passwd, mount …): every setuid program is a privilege-escalation path, and an unknown one may"
          + " be a backdoor.",
      "Remove the bit (chmod u-s,g-s) unless the program needs it; in images, remove setuid bits wholesale"
          + " (find / -perm /6000 -type f -exec chmod a-s {} +).",
      "CIS Docker Benchmark 4.8");
  public static final BaselineItem FILE_WORLD_WRITABLE = new BaselineItem("file_world_writable", FILE_PERMISSION,
      "World-writable file in a system directory", MEDIUM,
      "A regular file under a system directory (bin, sbin, usr, lib, etc, boot, opt) is writable by every"
          + " user: any process can replace a program or configuration that root later runs or reads.",
      "chmod o-w the file.", "CIS Linux: Ensure no world writable files exist");

  private static final List<BaselineItem> ALL = List.of(
      CONFIG_RUN_AS_ROOT, CONFIG_ENV_SECRET, CONFIG_LABEL_SECRET, CONFIG_HISTORY_SECRET, CONFIG_RISKY_PORT,
      CONFIG_NO_HEALTHCHECK, CONFIG_REMOTE_ADD, CONFIG_PIPE_TO_SHELL,
      ACCOUNT_EMPTY_PASSWORD, ACCOUNT_WEAK_PASSWORD, ACCOUNT_EXTRA_UID0, ACCOUNT_PASSWD_HASH,
      SSH_PERMIT_ROOT_LOGIN, SSH_PASSWORD_AUTHENTICATION, SSH_PERMIT_EMPTY_PASSWORDS,
      SUDO_NOPASSWD_ALL, SUDO_NO_AUTHENTICATE,
      FILE_UNEXPECTED_SETUID, FILE_WORLD_WRITABLE);

  static {
    Set<String> keys = new HashSet<>();
    for (BaselineItem i : ALL) {
      if (!keys.add(i.key())) {
        throw new IllegalStateException("duplicate baseline item key " + i.key());
      }
    }
  }

  /** Every item, grouped by class. */
  public static List<BaselineItem> all() {
    return ALL;
  }
}
