package dev.drydock.server.results;

import java.util.Map;

/**
 * How the engine's secret rules group into sensitive-file classes ({@code ClassKey}/{@code ClassName}
 * of DescribeImageSensitiveFileList, reference §1.13), with what to tell the reader per class. The
 * rule key is the {@code SensitiveFileKey}. Texts are English whatever {@code Lang} asks for.
 */
public final class SensitiveCatalog {
  private SensitiveCatalog() {}

  /** A class of sensitive data. */
  public record SensitiveClass(String key, String name, String description, String advice) {}

  private static final SensitiveClass CLOUD = new SensitiveClass("cloud_access_key", "Cloud AccessKey",
      "A cloud provider's AccessKey is stored in the image: anyone who can pull the image can use the account's"
          + " permissions.",
      "Remove the key from the image (and from every layer: rebuild without it), disable or rotate it in the"
          + " provider's console, and inject credentials at run time (a RAM role, an orchestrator secret).");
  private static final SensitiveClass TOKEN = new SensitiveClass("access_token", "Access token",
      "A service's access token or webhook URL is stored in the image and grants access to that service.",
      "Revoke the token, rebuild the image without it, and pass tokens at run time.");
  private static final SensitiveClass KEY = new SensitiveClass("private_key", "Private key",
      "A private key is stored in the image: whoever pulls the image can impersonate its owner or decrypt its"
          + " traffic.",
      "Remove the key, rebuild without it, replace the key pair, and mount keys at run time.");
  private static final SensitiveClass FILE = new SensitiveClass("credential_file", "Credential file",
      "A tool's credential file (registry auth, .netrc, .pgpass, .npmrc, git credentials) holds a password or"
          + " token.",
      "Delete the file in the same build step that created it (or use build secrets), rebuild, and rotate the"
          + " credential.");
  private static final SensitiveClass PASSWORD = new SensitiveClass("password", "Password in configuration",
      "A configuration file or connection URL holds a password in the clear.",
      "Read the password from the environment or a mounted secret at run time and change it.");
  private static final SensitiveClass OTHER = new SensitiveClass("other", "Other sensitive data",
      "Sensitive data is stored in the image.", "Remove it from the image and rotate it.");

  private static final Map<String, SensitiveClass> BY_RULE = Map.ofEntries(
      Map.entry("aliyun_access_key_id", CLOUD), Map.entry("aliyun_access_key_secret", CLOUD),
      Map.entry("aws_access_key_id", CLOUD), Map.entry("aws_secret_access_key", CLOUD),
      Map.entry("github_token", TOKEN), Map.entry("github_fine_grained_token", TOKEN),
      Map.entry("gitlab_token", TOKEN), Map.entry("npm_token", TOKEN), Map.entry("slack_token", TOKEN),
      Map.entry("slack_webhook_url", TOKEN), Map.entry("kubeconfig_token", TOKEN),
      Map.entry("private_key", KEY), Map.entry("openssh_private_key", KEY), Map.entry("pgp_private_key", KEY),
      Map.entry("putty_private_key", KEY), Map.entry("kubeconfig_client_key", KEY),
      Map.entry("docker_registry_auth", FILE), Map.entry("git_credentials", FILE), Map.entry("netrc_password", FILE),
      Map.entry("pgpass_password", FILE), Map.entry("npmrc_auth", FILE),
      Map.entry("jdbc_url_password", PASSWORD), Map.entry("url_password", PASSWORD),
      Map.entry("config_password", PASSWORD));

  public static SensitiveClass of(String ruleKey) {
    return BY_RULE.getOrDefault(ruleKey, OTHER);
  }
}
