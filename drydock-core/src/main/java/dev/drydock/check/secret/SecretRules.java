package dev.drydock.check.secret;

import static dev.drydock.check.Level.HIGH;
import static dev.drydock.check.Level.MEDIUM;

import com.google.re2j.Pattern;
import dev.drydock.check.secret.SecretRule.Scope;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The explicit registry of secret rules; no classpath scanning. Order matters: when two rules
 * find a secret starting at the same place of a line (a GitHub token inside a
 * {@code .git-credentials} URL), the one listed first is reported, so specific token shapes come
 * before generic "password in a file" rules.
 *
 * <p>Token shapes follow each vendor's documentation of its format (GitHub's
 * "behind GitHub's new authentication token formats", GitLab's token prefixes, npm's granular
 * tokens, Slack's token types, AWS's access key ID prefixes, Alibaba Cloud's {@code LTAI}
 * AccessKey IDs), cross-checked against the shapes public scanners (gitleaks, trufflehog) look for;
 * the regexes are written here, not copied.
 */
public final class SecretRules {

  private SecretRules() {}

  /** A secret with no fixed prefix shows this many characters (and at most a quarter of itself). */
  private static final int OPAQUE = 2;

  private static final List<SecretRule> ALL = List.of(
      // Cloud access keys.
      SecretRule.of("aliyun_access_key_id", "Alibaba Cloud AccessKey ID", HIGH, List.of("ltai"),
          "\\b(?P<secret>LTAI[A-Za-z0-9]{12,20})\\b", 4),
      // The 30-character secret: after a name that says what it is, or right after its ID on the
      // same line (the AccessKey CSV the console offers for download is "ID,Secret").
      SecretRule.of("aliyun_access_key_secret", "Alibaba Cloud AccessKey secret", HIGH,
          List.of("ltai", "accesskeysecret", "access_key_secret", "access-key-secret", "accesskey_secret",
              "alicloud_secret_key", "aliyun"),
          "(?i)(?:(?:access[_-]?key[_-]?secret|alicloud_secret_key|aliyun[\\w.-]{0,20}secret[\\w.-]{0,20})[\"']?\\s*[:=]\\s*[\"']?"
              + "|\\bLTAI[A-Za-z0-9]{12,20}[\"']?\\s*[,;:|\\s]\\s*[\"']?)(?P<secret>[A-Za-z0-9]{30})\\b", OPAQUE),
      SecretRule.of("aws_access_key_id", "AWS access key ID", HIGH, List.of("akia", "asia", "abia", "acca", "a3t"),
          "\\b(?P<secret>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})\\b", 4),
      SecretRule.of("aws_secret_access_key", "AWS secret access key", HIGH,
          List.of("aws_secret", "aws-secret", "secret_access_key", "secretaccesskey", "secret-access-key"),
          "(?i)(?:aws[_-]?secret[_-]?(?:access[_-]?)?key|secret[_-]?access[_-]?key)[\"']?\\s*[:=]\\s*[\"']?"
              + "(?P<secret>[A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)", OPAQUE),
      // Source forges and package registries.
      SecretRule.of("github_token", "GitHub token", HIGH, List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
          "\\b(?P<secret>gh[pousr]_[A-Za-z0-9]{36})\\b", 4),
      SecretRule.of("github_fine_grained_token", "GitHub fine-grained personal access token", HIGH,
          List.of("github_pat_"), "\\b(?P<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\\b", 11),
      SecretRule.of("gitlab_token", "GitLab personal access token", HIGH, List.of("glpat-"),
          "\\b(?P<secret>glpat-[0-9A-Za-z_-]{20,300}(?:\\.[0-9a-z]{9})?)", 6),
      SecretRule.of("npm_token", "npm access token", HIGH, List.of("npm_"),
          "\\b(?P<secret>npm_[A-Za-z0-9]{36})\\b", 4),
      // Chat.
      SecretRule.of("slack_token", "Slack token", HIGH, List.of("xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"),
          "\\b(?P<secret>xox[baprs]-[0-9]{1,13}-[0-9A-Za-z-]{8,250})", 5),
      SecretRule.of("slack_webhook_url", "Slack webhook URL", MEDIUM, List.of("hooks.slack.com"),
          "(?P<secret>https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,200})", 24),
      // Private keys: the header line, followed by the end of the line, an escaped newline (a key
      // inside a JSON string) or base64 (a one-line PEM); a header inside quotes is a constant in
      // some parser's source code, not a key.
      label("private_key", "Private key", List.of("private key-----"),
          "-----BEGIN (?P<secret>(?:RSA |DSA |EC |ENCRYPTED )?PRIVATE KEY)-----\\s*(?:$|(?:\\\\r)?\\\\n|[A-Za-z0-9+/=]{16})"),
      label("openssh_private_key", "OpenSSH private key", List.of("begin openssh private key"),
          "-----BEGIN (?P<secret>OPENSSH PRIVATE KEY)-----\\s*(?:$|(?:\\\\r)?\\\\n|[A-Za-z0-9+/=]{16})"),
      label("pgp_private_key", "PGP private key block", List.of("begin pgp private key block"),
          "-----BEGIN (?P<secret>PGP PRIVATE KEY BLOCK)-----\\s*(?:$|(?:\\\\r)?\\\\n)"),
      label("putty_private_key", "PuTTY private key", List.of("putty-user-key-file-"),
          "^(?P<secret>PuTTY-User-Key-File-[23]): "),
      // Credential files of well-known tools.
      SecretRule.of("kubeconfig_client_key", "Kubernetes client key (kubeconfig)", HIGH, List.of("client-key-data"),
          "client-key-data\"?\\s*:\\s*\"?(?P<secret>[A-Za-z0-9+/=]{20,})", OPAQUE),
      SecretRule.of("kubeconfig_token", "Kubernetes bearer token (kubeconfig)", HIGH, List.of("token"),
          "^\\s*(?:-\\s*)?\"?token\"?\\s*:\\s*[\"']?(?P<secret>[A-Za-z0-9._~+/=-]{16,})", OPAQUE)
          .in(new Scope(Set.of(), List.of("kubeconfig"), Set.of("kubeconfig"), List.of(".kube/config",
              "etc/kubernetes/admin.conf", "etc/kubernetes/super-admin.conf", "etc/kubernetes/kubelet.conf",
              "etc/kubernetes/controller-manager.conf", "etc/kubernetes/scheduler.conf"))),
      SecretRule.of("docker_registry_auth", "Container registry credential (docker config.json)", HIGH,
          List.of("\"auth\"", "\"identitytoken\"", "\"password\""),
          "\"(?:auth|identitytoken|password)\"\\s*:\\s*\"(?P<secret>[^\"\\s]{8,})\"", OPAQUE)
          .in(Scope.named(".dockercfg").orPathSuffixes(".docker/config.json", "containers/auth.json")),
      SecretRule.of("git_credentials", "Git credential store entry", HIGH, List.of(),
          "^\\s*[A-Za-z][A-Za-z0-9+.-]*://[^:/@\\s]+:(?P<secret>[^@\\s]+)@\\S+", OPAQUE)
          .in(Scope.named(".git-credentials").orPathSuffixes("git/credentials")),
      SecretRule.of("netrc_password", "Password in .netrc", HIGH, List.of("password"),
          "(?:^|\\s)password\\s+(?P<secret>\\S+)", OPAQUE).in(Scope.named(".netrc", "_netrc")),
      SecretRule.of("pgpass_password", "PostgreSQL password file entry (.pgpass)", HIGH, List.of(),
          "^(?:[^#:\\\\]|\\\\.)(?:[^:\\\\]|\\\\.)*:(?:[^:\\\\]|\\\\.)*:(?:[^:\\\\]|\\\\.)*:(?:[^:\\\\]|\\\\.)*:(?P<secret>.+)$",
          OPAQUE).in(Scope.named(".pgpass")),
      SecretRule.of("npmrc_auth", "npm registry credential (.npmrc)", HIGH, List.of("_authtoken", "_auth", "_password"),
          "(?i)(?:^|[\\s:])(?:_authToken|_auth|_password)\\s*=\\s*[\"']?(?P<secret>[^\\s\"']{8,})", OPAQUE)
          .in(Scope.named(".npmrc")),
      // Passwords in connection strings and configuration files.
      SecretRule.of("jdbc_url_password", "Password in a JDBC URL", HIGH, List.of("jdbc:"),
          "(?i)jdbc:[a-z0-9]+:[^\\s\"'<>]*?[?;&](?:password|pwd)=(?P<secret>[^\\s&;\"'<>]+)", OPAQUE),
      SecretRule.of("url_password", "Password in a URL", MEDIUM, List.of("://"),
          "\\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\\s:/@\"'<>]{1,100}:(?P<secret>[^\\s:/@\"'<>]{3,100})@[A-Za-z0-9.\\[\\]-]+",
          OPAQUE),
      // A key whose name ends in "password" (spring.datasource.password, DB_PASSWORD, "password":),
      // or in "passwd"/"pwd" after a separator (db_passwd; a bare "passwd:" is nsswitch.conf's
      // database name, a bare PWD the working directory), assigned a literal at the start of a
      // line; values starting with a YAML indicator (a !vault tag, an &anchor or *alias, a | or >
      // block) are not literals.
      SecretRule.of("config_password", "Password in a configuration file", HIGH, List.of("password", "passwd", "pwd"),
          "(?i)^\\s*(?:export\\s+)?[\"']?(?:[\\w.\\[\\]-]*password|[\\w.\\[\\]-]*[._-](?:passwd|pwd))[\"']?\\s*[:=]\\s*[\"']?"
              + "(?P<secret>[^\\s\"'#,;!&*|>{}\\[\\]][^\\s\"'#,;]{3,})", OPAQUE)
          .in(Scope.named().orNamePrefixes(".env")
              .orExtensions("properties", "yml", "yaml", "env", "ini", "cfg", "cnf", "conf", "toml")));

  static {
    if (ALL.size() > 64) {
      throw new IllegalStateException("the keyword matcher carries rules in a 64-bit mask");
    }
    Set<String> keys = new HashSet<>();
    for (SecretRule r : ALL) {
      if (!keys.add(r.key())) {
        throw new IllegalStateException("duplicate secret rule key " + r.key());
      }
      if (r.keywords().isEmpty() && r.scope().isAny()) {
        throw new IllegalStateException("rule " + r.key() + ": a rule without keywords needs a narrow scope");
      }
    }
  }

  /** Every rule, in priority order. */
  public static List<SecretRule> all() {
    return ALL;
  }

  private static SecretRule label(String key, String name, List<String> keywords, String regex) {
    return new SecretRule(key, name, HIGH, keywords, Pattern.compile(regex), Scope.ANY, 0, true);
  }
}
