package dev.drydock.check.baseline;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.drydock.check.secret.ConfigRedaction;
import dev.drydock.check.secret.CredentialNames;
import dev.drydock.check.secret.Mask;
import dev.drydock.check.secret.SecretScanner;
import dev.drydock.image.ImageConfig;
import dev.drydock.index.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image-configuration items: pure functions of {@link ImageConfig}, whose findings have an
 * empty path. Secrets are found with the secret rules ({@link SecretScanner}) plus, for
 * environment variables, labels and build arguments, a name that says the value is a credential
 * ({@code DB_PASSWORD}, {@code API_TOKEN}); every value in evidence is masked.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md">OCI image config</a>
 */
final class ImageConfigChecks {

  private ImageConfigChecks() {}

  /** Every image-configuration check, in report order. */
  static final List<ImageConfigCheck> ALL = List.of(
      ImageConfigChecks::runAsRoot, ImageConfigChecks::envSecrets, ImageConfigChecks::labelSecrets,
      ImageConfigChecks::historySecrets, RiskyPorts::check, ImageConfigChecks::healthcheck,
      ImageConfigChecks::historyDownloads);

  /** The checks that find secrets (in environment variables, labels and build history). */
  static final List<ImageConfigCheck> SECRETS = List.of(
      ImageConfigChecks::envSecrets, ImageConfigChecks::labelSecrets, ImageConfigChecks::historySecrets);

  // ------------------------------------------------------------------ user

  static List<Finding> runAsRoot(ImageConfig c) {
    if (c.os() != null && !c.os().equals("linux")) {
      return List.of(); // Windows users are names like ContainerUser; not judged here
    }
    String user = c.user() == null ? "" : c.user().strip();
    int colon = user.indexOf(':');
    String name = colon < 0 ? user : user.substring(0, colon);
    if (!name.isEmpty() && !name.equals("root") && !name.equals("0")) {
      return List.of();
    }
    String evidence = user.isEmpty() ? "User not set (runs as root)" : "User " + user;
    return List.of(BaselineItems.CONFIG_RUN_AS_ROOT.finding("", null, evidence, Map.of("user", user)));
  }

  // ------------------------------------------------------------------ secrets

  static List<Finding> envSecrets(ImageConfig c) {
    List<Finding> out = new ArrayList<>();
    for (String entry : c.env()) {
      int eq = entry.indexOf('=');
      String name = eq < 0 ? entry : entry.substring(0, eq);
      String value = eq < 0 ? "" : entry.substring(eq + 1);
      assignment(BaselineItems.CONFIG_ENV_SECRET, "env", name, value, out);
    }
    return out;
  }

  static List<Finding> labelSecrets(ImageConfig c) {
    List<Finding> out = new ArrayList<>();
    c.labels().forEach((k, v) -> assignment(BaselineItems.CONFIG_LABEL_SECRET, "label", k, v, out));
    return out;
  }

  /** A secret in {@code name=value}: a secret rule matches, or the name says it is a credential. */
  private static void assignment(BaselineItem item, String kind, String name, String value, List<Finding> out) {
    SecretScanner scanner = SecretScanner.defaults();
    List<SecretScanner.Match> matches = scanner.scanText(name + "=" + value);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(kind, name);
    if (!matches.isEmpty()) {
      SecretScanner.Match m = matches.get(0);
      attributes.put("secret_rule", m.rule().key());
      out.add(item.finding("", null, name + "=" + m.evidence(), attributes));
      return;
    }
    String v = value.strip();
    if (CredentialNames.isCredentialName(name) && CredentialNames.isLiteral(v)) {
      attributes.put("secret_rule", "credential_name");
      out.add(item.finding("", null, name + "=" + Mask.mask(v, 2), attributes));
    }
  }

  /**
   * Build arguments in the history: BuildKit records a RUN's build arguments as
   * {@code |N NAME=value … /bin/sh -c …}, the classic builder an {@code ARG NAME=default}; plus
   * any token the secret rules find anywhere in a command.
   */
  static List<Finding> historySecrets(ImageConfig c) {
    List<Finding> out = new ArrayList<>();
    SecretScanner scanner = SecretScanner.defaults();
    for (int i = 0; i < c.history().size(); i++) {
      String cmd = c.history().get(i).createdBy();
      if (cmd == null || cmd.isEmpty()) {
        continue;
      }
      List<Finding> here = new ArrayList<>();
      for (String[] arg : ConfigRedaction.buildArguments(cmd)) {
        assignment(BaselineItems.CONFIG_HISTORY_SECRET, "build_arg", arg[0], arg[1], here);
      }
      if (here.isEmpty()) {
        for (SecretScanner.Match m : scanner.scanText(cmd)) {
          here.add(BaselineItems.CONFIG_HISTORY_SECRET.finding("", null, m.evidence(),
              Map.of("secret_rule", m.rule().key())));
        }
      }
      for (Finding f : here) {
        Map<String, String> a = new LinkedHashMap<>(f.attributes());
        a.remove("class");
        a.put("history", Integer.toString(i));
        out.add(BaselineItems.CONFIG_HISTORY_SECRET.finding("", null, f.evidence(), a));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ health check

  static List<Finding> healthcheck(ImageConfig c) {
    List<String> test = c.healthcheck();
    if (test != null && !test.isEmpty() && !test.get(0).equalsIgnoreCase("NONE")) {
      return List.of();
    }
    String evidence = test == null || test.isEmpty() ? "no Healthcheck in the config" : "HEALTHCHECK NONE";
    return List.of(BaselineItems.CONFIG_NO_HEALTHCHECK.finding("", null, evidence, Map.of()));
  }

  // ------------------------------------------------------------------ downloads at build time

  private static final Pattern REMOTE_ADD = Pattern.compile(
      "(?i)(?:^|\\s|\\(nop\\)\\s*)ADD\\s+(?:--[a-z-]+(?:=\\S*)?\\s+)*(?:\\[\\s*)?\"?(?P<url>https?://\\S+)");
  private static final Pattern PIPE_TO_SHELL = Pattern.compile(
      "(?i)(?P<cmd>\\b(?:curl|wget)\\b[^|;&\\n]{0,1000}\\|\\s*(?:sudo\\s+(?:-\\S+\\s+)*)?(?:/usr)?(?:/bin/)?"
          + "(?:(?:ba|z|da|k)?sh|python[0-9.]*|perl|ruby|node)\\b"
          + "|\\b(?:ba|z)?sh\\s+(?:-c\\s+)?[\"']?(?:\\$\\(|<\\()\\s*(?:curl|wget)\\b)");

  static List<Finding> historyDownloads(ImageConfig c) {
    List<Finding> out = new ArrayList<>();
    SecretScanner scanner = SecretScanner.defaults();
    for (int i = 0; i < c.history().size(); i++) {
      String cmd = c.history().get(i).createdBy();
      if (cmd == null) {
        continue;
      }
      Matcher add = REMOTE_ADD.matcher(cmd);
      if (add.find()) {
        out.add(BaselineItems.CONFIG_REMOTE_ADD.finding("", null, "ADD " + shorten(scanner.redact(add.group("url"))),
            Map.of("history", Integer.toString(i))));
      }
      Matcher pipe = PIPE_TO_SHELL.matcher(cmd);
      if (pipe.find()) {
        out.add(BaselineItems.CONFIG_PIPE_TO_SHELL.finding("", null, shorten(scanner.redact(pipe.group("cmd"))),
            Map.of("history", Integer.toString(i))));
      }
    }
    return out;
  }

  private static String shorten(String s) {
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }
}
