package dev.drydock.check.secret;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.drydock.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks the secrets of an image configuration, for reports that quote the configuration: every
 * value a secret rule matches, and every literal value of an environment variable, label or build
 * argument whose name says it is a credential ({@link CredentialNames}), is replaced by its
 * {@link Mask}ed form. The same judgement as the {@code config_*_secret} baseline items, so what
 * they report is exactly what is hidden.
 */
public final class ConfigRedaction {

  private static final Pattern BUILDKIT_ARGS = Pattern.compile("^(?:RUN\\s+)?\\|([0-9]{1,4}) ");
  private static final Pattern CLASSIC_ARG = Pattern.compile("#\\(nop\\)\\s+ARG\\s+([A-Za-z_][A-Za-z0-9_]*)=(\\S*)");

  private ConfigRedaction() {}

  /** {@code config} with its secrets masked; everything else unchanged. */
  public static ImageConfig redact(ImageConfig config) {
    List<String> env = new ArrayList<>();
    for (String e : config.env()) {
      int eq = e.indexOf('=');
      env.add(eq < 0 ? e : e.substring(0, eq + 1) + value(e.substring(0, eq), e.substring(eq + 1)));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    config.labels().forEach((k, v) -> labels.put(k, value(k, v)));
    List<ImageConfig.History> history = new ArrayList<>();
    for (ImageConfig.History h : config.history()) {
      history.add(new ImageConfig.History(h.created(), h.createdBy() == null ? null : command(h.createdBy()),
          h.comment(), h.emptyLayer()));
    }
    return new ImageConfig(config.os(), config.architecture(), config.variant(), config.created(), config.user(), env,
        config.entrypoint(), config.cmd(), config.workingDir(), config.exposedPorts(), labels, config.healthcheck(),
        config.diffIds(), history);
  }

  /** A history command ({@code created_by}) with secrets and credential build arguments masked. */
  public static String command(String createdBy) {
    String out = SecretScanner.defaults().redact(createdBy);
    for (String[] arg : buildArguments(out)) {
      if (CredentialNames.isCredentialName(arg[0]) && CredentialNames.isLiteral(arg[1])) {
        out = out.replace(arg[0] + "=" + arg[1], arg[0] + "=" + Mask.mask(arg[1], 2));
      }
    }
    return out;
  }

  private static String value(String name, String value) {
    String redacted = SecretScanner.defaults().redact(name + "=" + value);
    if (!redacted.equals(name + "=" + value)) {
      return redacted.substring(redacted.indexOf('=') + 1);
    }
    return CredentialNames.isCredentialName(name) && CredentialNames.isLiteral(value) ? Mask.mask(value.strip(), 2) : value;
  }

  /**
   * The {@code NAME=value} build arguments a history command records: BuildKit writes a RUN's as
   * {@code RUN |N NAME=value … /bin/sh -c …}, the classic builder an {@code ARG NAME=default}.
   */
  public static List<String[]> buildArguments(String cmd) {
    List<String[]> out = new ArrayList<>();
    Matcher m = BUILDKIT_ARGS.matcher(cmd);
    if (m.find()) {
      int n = Integer.parseInt(m.group(1));
      String[] words = cmd.substring(m.end()).split(" ", n + 1);
      for (int k = 0; k < Math.min(n, words.length); k++) {
        int eq = words[k].indexOf('=');
        if (eq > 0) {
          out.add(new String[] {words[k].substring(0, eq), words[k].substring(eq + 1)});
        }
      }
    }
    Matcher a = CLASSIC_ARG.matcher(cmd);
    if (a.find()) {
      out.add(new String[] {a.group(1), a.group(2)});
    }
    return out;
  }
}
