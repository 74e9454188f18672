package dev.drydock.check.secret;

import com.google.re2j.Pattern;
import dev.drydock.check.Level;
import java.util.List;
import java.util.Set;

/**
 * One kind of secret: how to find it cheaply (keywords), how to find it exactly (an RE2 regex
 * with a group named {@code secret}), where it may occur ({@link Scope}) and how much of it a
 * report may show.
 *
 * <p>A rule runs its regex on a line only when one of its keywords occurs in that line (or, for a
 * rule without keywords, on every line of the files its scope names). Regexes are RE2
 * ({@code com.google.re2j}): they run in time linear in the line, whatever the line holds, so a
 * hostile file cannot make a scan backtrack for hours.
 *
 * @param key stable identifier, like Alibaba Cloud's {@code SensitiveFileKey} ({@code github_token})
 * @param name human-readable name
 * @param keywords ASCII, matched case-insensitively; empty means "every line of a file in scope"
 *     (only allowed for rules with a narrow scope)
 * @param regex must define the named group {@code secret}: the value that is masked and checked
 *     against the placeholder allow-list
 * @param reveal how many leading characters of the secret evidence may show (a token's fixed
 *     prefix, such as {@code ghp_}); {@link Mask} never shows more than a quarter of a secret anyway
 * @param labelOnly the secret group is a label that says what was found (a PEM header's key
 *     type), not the secret itself, which spans the following lines: evidence shows the label
 */
public record SecretRule(
    String key, String name, Level level, List<String> keywords, Pattern regex, Scope scope, int reveal,
    boolean labelOnly) {

  public SecretRule {
    keywords = List.copyOf(keywords);
    if (!regex.namedGroups().containsKey("secret")) {
      throw new IllegalArgumentException("rule " + key + ": regex has no (?P<secret>...) group");
    }
  }

  /** A rule whose secret may occur in any text file. */
  static SecretRule of(String key, String name, Level level, List<String> keywords, String regex, int reveal) {
    return new SecretRule(key, name, level, keywords, Pattern.compile(regex), Scope.ANY, reveal, false);
  }

  SecretRule in(Scope s) {
    return new SecretRule(key, name, level, keywords, regex, s, reveal, labelOnly);
  }

  SecretRule asLabel() {
    return new SecretRule(key, name, level, keywords, regex, scope, reveal, true);
  }

  /**
   * The files a rule applies to, by path alone (so the decision is the same for every version of
   * a path in every layer). Empty lists everywhere mean any file.
   *
   * @param names exact file names ({@code .netrc})
   * @param namePrefixes file-name prefixes ({@code .env} matches {@code .env.production})
   * @param extensions file-name extensions without the dot ({@code properties})
   * @param pathSuffixes path endings ({@code .docker/config.json})
   */
  public record Scope(Set<String> names, List<String> namePrefixes, Set<String> extensions, List<String> pathSuffixes) {
    public static final Scope ANY = new Scope(Set.of(), List.of(), Set.of(), List.of());

    public Scope {
      names = Set.copyOf(names);
      namePrefixes = List.copyOf(namePrefixes);
      extensions = Set.copyOf(extensions);
      pathSuffixes = List.copyOf(pathSuffixes);
    }

    static Scope named(String... n) {
      return new Scope(Set.of(n), List.of(), Set.of(), List.of());
    }

    Scope orPathSuffixes(String... s) {
      return new Scope(names, namePrefixes, extensions, List.of(s));
    }

    Scope orExtensions(String... e) {
      return new Scope(names, namePrefixes, Set.of(e), pathSuffixes);
    }

    Scope orNamePrefixes(String... p) {
      return new Scope(names, List.of(p), extensions, pathSuffixes);
    }

    public boolean isAny() {
      return names.isEmpty() && namePrefixes.isEmpty() && extensions.isEmpty() && pathSuffixes.isEmpty();
    }

    /** Whether a file at {@code path} (relative to the image root) is in scope. */
    public boolean matches(String path) {
      if (isAny()) {
        return true;
      }
      int slash = path.lastIndexOf('/');
      String name = slash < 0 ? path : path.substring(slash + 1);
      if (names.contains(name)) {
        return true;
      }
      for (String p : namePrefixes) {
        if (name.startsWith(p)) {
          return true;
        }
      }
      int dot = name.lastIndexOf('.');
      if (dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT))) {
        return true;
      }
      for (String s : pathSuffixes) {
        if (path.equals(s) || path.endsWith("/" + s)) {
          return true;
        }
      }
      return false;
    }
  }
}
