package dev.drydock.check.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.index.AnalyzerFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each rule on single lines, positive and negative side by side. The token-shaped values are
 * random strings of the documented shape, not live credentials.
 */
class SecretRulesTest {

  private static final SecretScanner SCANNER = SecretScanner.defaults();

  /** The rule keys that fire on {@code line} of a file at {@code path}. */
  static List<String> keys(String path, String line) {
    long candidates = SCANNER.keywords().scan(line.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    long inScope = SCANNER.rulesFor(path);
    return SCANNER.matchLine(line, (candidates & inScope) | SCANNER.alwaysRun(inScope), 0).stream()
        .map(m -> m.rule().key()).toList();
  }

  @ParameterizedTest(name = "[{index}] {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // Alibaba Cloud: an LTAI ID; its 30-character secret by name or right after the ID
      "app/a.properties|aliyun.accessKeyId=LTAI5tQ4b9Xk2mWc7RzN1pYe|aliyun_access_key_id",
      "app/a.properties|ALIBABA_CLOUD_ACCESS_KEY_SECRET=k3Jq9Zr2Lw8Xv5Tn1Bc6Hm4Ys7Pd0F|aliyun_access_key_secret",
      "root/AccessKey.csv|LTAI5tQ4b9Xk2mWc7RzN1pYe,k3Jq9Zr2Lw8Xv5Tn1Bc6Hm4Ys7Pd0F|aliyun_access_key_id aliyun_access_key_secret",
      // AWS
      "x.txt|key: AKIA2Q7XH5LMN3OPQ4RS|aws_access_key_id",
      "x.txt|\"SecretAccessKey\": \"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\"|aws_secret_access_key",
      // forges and registries
      "x.sh|export GH_TOKEN=gho_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8|github_token",
      "x.sh|token=github_pat_11ABCDEFG0abcdefghijkl_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456|github_fine_grained_token",
      "x.sh|PRIVATE-TOKEN: glpat-a1B2c3D4e5F6g7H8i9J0|gitlab_token",
      "x.sh|NPM_TOKEN=npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8|npm_token",
      "root/.npmrc|//registry.example.org/:_password=c2VjcmV0cGFzc3dvcmQ=|npmrc_auth",
      // chat
      "x.py|SLACK = 'xoxp-1234567890-1234567890123-1234567890123-0123456789abcdef0123456789abcdef'|slack_token",
      "x.py|url = 'https://hooks.slack.com/services/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'|slack_webhook_url",
      // keys
      "k.pem|-----BEGIN RSA PRIVATE KEY-----|private_key",
      "k.pem|-----BEGIN ENCRYPTED PRIVATE KEY-----|private_key",
      "k.json|\"key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\"|private_key",
      "id|-----BEGIN OPENSSH PRIVATE KEY-----|openssh_private_key",
      "k.asc|-----BEGIN PGP PRIVATE KEY BLOCK-----|pgp_private_key",
      "k.ppk|PuTTY-User-Key-File-3: ssh-ed25519|putty_private_key",
      // credential files
      "root/.kube/config|    token: eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.abc|kubeconfig_token",
      "app/admin.kubeconfig|  token: eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.abc|kubeconfig_token",
      "any.yaml|    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==|kubeconfig_client_key",
      "root/.docker/config.json|\"auth\": \"cm9ib3Q6czNjcjN0LXBhc3N3b3Jk\"|docker_registry_auth",
      "run/containers/0/containers/auth.json|\"auth\": \"cm9ib3Q6czNjcjN0LXBhc3N3b3Jk\"|docker_registry_auth",
      "home/a/.git-credentials|https://alice:Zq8rT2vX9m@git.example.org|git_credentials",
      "home/a/.netrc|machine h login u password Zq8rT2vX9m|netrc_password",
      "home/a/.pgpass|*:*:*:postgres:Zq8rT2vX9m|pgpass_password",
      // passwords
      "x.xml|<url>jdbc:postgresql://db:5432/app?user=app&password=Zq8rT2vX9m</url>|jdbc_url_password",
      "x.go|dsn := \"mongodb://app:Zq8rT2vX9m@mongo:27017/app\"|url_password",
      "app/application.yaml|  password: Zq8rT2vX9m|config_password",
      "etc/app/app.conf|db_passwd = Zq8rT2vX9m|config_password",
      "app/.env|export SMTP_PASSWORD='Zq8rT2vX9m'|config_password",
  })
  void fires(String path, String line, String want) {
    assertThat(keys(path, line)).containsExactly(want.split(" "));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // documented examples and placeholders
      "x.txt|aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
      "x.txt|aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "x.sh|GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      "x.sh|NPM_TOKEN=npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
      "root/.npmrc|//registry.npmjs.org/:_authToken=${NPM_TOKEN}",
      "app/application.yaml|  password: ${DB_PASSWORD}",
      "app/application.yaml|  password: <your-password>",
      "app/application.yaml|  password: changeme",
      "app/application.yaml|  password: !vault |",
      "app/application.yaml|  password_min_length: 12",
      "x.go|dsn := \"postgres://user:password@localhost/db\"",
      // wrong shape: too short, wrong case, wrong prefix
      "x.sh|ghp_a1B2c3D4e5F6g7",
      "x.txt|akia2q7xh5lmn3opq4rs",
      "x.sh|xoxz-1234567890-abcdefghijkl",
      // a header inside quotes is a parser's constant, a public key is not private
      "x.py|BEGIN = \"-----BEGIN RSA PRIVATE KEY-----\"",
      "k.pem|-----BEGIN PUBLIC KEY-----",
      "k.pem|-----BEGIN CERTIFICATE-----",
      "docs.md|key=\"-----BEGIN PRIVATE KEY-----\\nXXXX\\nXXXX\\n-----END PRIVATE KEY-----\"",
      // out of scope: a token line outside a kubeconfig, a password line outside a config file,
      // nsswitch.conf's passwd database, the working directory
      "app/deploy.yaml|    token: eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.abc",
      "app/main.py|password = 'Zq8rT2vX9m'",
      "etc/nsswitch.conf|passwd:         files",
      "app/.env|PWD=/srv/app",
      "x.txt|*:*:*:postgres:Zq8rT2vX9m",
      "x.txt|machine h login u password Zq8rT2vX9m",
  })
  void doesNotFire(String path, String line) {
    assertThat(keys(path, line)).isEmpty();
  }

  @Test
  void oneFindingPerSecretTheSpecificRuleWins() {
    assertThat(keys("root/.git-credentials", "https://bob:ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8@github.com"))
        .containsExactly("github_token");
    assertThat(keys("root/.npmrc", "//registry.npmjs.org/:_authToken=npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"))
        .containsExactly("npm_token");
  }

  @Test
  void registryIsWellFormed() {
    Set<String> keys = new HashSet<>();
    for (SecretRule r : SecretRules.all()) {
      assertThat(r.key()).matches("[a-z0-9]+(_[a-z0-9]+)*");
      assertThat(keys.add(r.key())).as("unique key %s", r.key()).isTrue();
      assertThat(r.name()).isNotBlank();
      assertThat(r.keywords()).allSatisfy(k -> assertThat(k).isEqualTo(k.toLowerCase()).matches("\\p{ASCII}+"));
      assertThat(r.keywords().isEmpty() && r.scope().isAny()).as("%s runs on every line of every file", r.key()).isFalse();
    }
    assertThat(Secrets.rules()).isSameAs(SecretRules.all());
  }

  @Test
  void everyRuleFiresInSomeFixture() throws Exception {
    Set<String> seen = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> s = Files.list(AnalyzerFixtures.TESTDATA.resolve("secret"))) {
      for (Path c : s.filter(Files::isDirectory).toList()) {
        for (JsonNode f : json.readTree(c.resolve("want.json").toFile()).path("findings")) {
          seen.add(f.path("ruleId").asText());
        }
      }
    }
    assertThat(seen).containsAll(SecretRules.all().stream().map(SecretRule::key).toList());
  }
}
