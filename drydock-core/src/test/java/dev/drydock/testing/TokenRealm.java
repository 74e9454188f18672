package dev.drydock.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A Docker registry token server on loopback, for running {@link RegistryProcess#token} registries.
 *
 * <p>Implements the token protocol of distribution's token authentication: {@code GET
 * /token?service=S&scope=repository:NAME:pull,push[&scope=…]} with optional HTTP Basic credentials
 * answers {@code {"token": JWT, "access_token": JWT, "expires_in": N, "issued_at": RFC3339}}. It
 * also accepts the OAuth2 form ({@code POST /token} with {@code grant_type=password}, {@code
 * username}, {@code password}, {@code service}, {@code scope}) with the same answer.
 *
 * <p>Policy:
 *
 * <ul>
 *   <li>valid credentials (the one configured user): the token grants exactly the actions asked in
 *       each scope;
 *   <li>no credentials: the token grants {@code pull} where asked if {@link
 *       Builder#allowAnonymousPull} is set, and nothing otherwise (the registry then answers 401
 *       {@code insufficient_scope} on use, as Docker Hub does);
 *   <li>wrong credentials, or credentials when no user is configured: 401 with a Basic challenge;
 *   <li>a {@code service} other than the configured one: 400.
 * </ul>
 *
 * <p>Tokens are JWTs signed ES256 (P-256, the default) or RS256 ({@link Builder#algorithm}) with a key
 * generated at startup, whose self-signed certificate is
 * written to {@link #rootCertBundle()} for the registry's {@code auth.token.rootcertbundle}. The
 * JWT header carries {@code kid} (the libtrust key id of that key, which distribution 2.8 looks up
 * among the bundle's keys) and, unless {@link Builder#x5c(boolean) x5c(false)}, {@code x5c} with the
 * certificate (which distribution prefers when present). Claims: {@code iss}, {@code sub}, {@code
 * aud} (= service, a string as distribution 2.8 expects), {@code exp}, {@code nbf}, {@code iat},
 * {@code jti}, {@code access}.
 *
 * <p>Every request is recorded ({@link #requests()}, {@link #lastRequest()}) so tests can assert
 * that a client asked for the right scope. Thread-safe.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Token authentication specification</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/jwt/">Token authentication implementation</a>
 */
public final class TokenRealm implements AutoCloseable {

  /** Path of the token endpoint on the realm's server. */
  public static final String PATH = "/token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Path dir;
  private final Path bundle;
  private final KeyPair keyPair;
  private final X509Certificate certificate;
  private final String keyId;
  private final String service;
  private final String issuer;
  private final @Nullable Credentials credentials;
  private final boolean anonymousPull;
  private final boolean x5c;
  private final Duration lifetime;
  private final Algorithm algorithm;
  private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus = 500;

  /** The JWS algorithm, and so the kind of key, the realm signs with. */
  public enum Algorithm {
    /** ECDSA P-256 with SHA-256; the signature is r||s (64 bytes) as JWS requires. Keys generate instantly. */
    ES256("EC", "SHA256withECDSAinP1363Format", "SHA256withECDSA"),
    /** RSA 2048 PKCS#1 v1.5 with SHA-256. Key generation takes a second or more. */
    RS256("RSA", "SHA256withRSA", "SHA256withRSA");

    private final String keyAlgorithm;
    private final String jwsSignature;
    private final String certSignature;

    Algorithm(String keyAlgorithm, String jwsSignature, String certSignature) {
      this.keyAlgorithm = keyAlgorithm;
      this.jwsSignature = jwsSignature;
      this.certSignature = certSignature;
    }

    /** The JCA signature algorithm that verifies this realm's JWT signatures. */
    public String jcaSignature() {
      return jwsSignature;
    }
  }

  /** What the realm did with a request. */
  public enum Outcome {
    /** Valid credentials: the asked actions were granted. */
    AUTHENTICATED,
    /** No credentials: anonymous token (pull only if allowed, else no access). */
    ANONYMOUS,
    /** Wrong or unexpected credentials, or a malformed request: no token. */
    REJECTED,
    /** Failed on purpose by {@link #failNext}. */
    INJECTED_FAILURE
  }

  /**
   * One resource-access entry of a token, as in the JWT's {@code access} claim and in a {@code
   * scope} parameter ({@code type:name:action,action}).
   */
  public record Access(String type, String name, List<String> actions) {
    public Access {
      actions = List.copyOf(actions);
    }

    /**
     * Parses a scope such as {@code repository:team/app:pull,push}: the type is up to the first
     * {@code :}, the actions after the last one, the name in between.
     */
    public static Access parseScope(String scope) {
      int first = scope.indexOf(':');
      int last = scope.lastIndexOf(':');
      if (first <= 0 || last == first) {
        throw new IllegalArgumentException("malformed scope (want type:name:actions): " + scope);
      }
      String actions = scope.substring(last + 1);
      return new Access(scope.substring(0, first), scope.substring(first + 1, last),
          actions.isEmpty() ? List.of() : List.of(actions.split(",")));
    }

    /** The scope string for this access, e.g. {@code repository:team/app:pull,push}. */
    public String scope() {
      return type + ":" + name + ":" + String.join(",", actions);
    }
  }

  /**
   * A request the realm received.
   *
   * @param method GET or POST
   * @param service the {@code service} parameter, if sent
   * @param scopes the {@code scope} parameters in the order sent (a space-separated value is split)
   * @param username the username presented, if any (valid or not)
   * @param outcome what the realm did
   * @param granted what the issued token grants (empty when no token was issued)
   * @param status the HTTP status answered
   */
  public record TokenRequest(
      String method, @Nullable String service, List<String> scopes, @Nullable String username,
      Outcome outcome, List<Access> granted, int status) {
    public TokenRequest {
      scopes = List.copyOf(scopes);
      granted = List.copyOf(granted);
    }
  }

  /** Configures a realm; {@link #start()} starts it. */
  public static final class Builder {
    private @Nullable Credentials credentials;
    private boolean anonymousPull;
    private String service = "drydock-test-registry";
    private String issuer = "drydock-test-realm";
    private Duration lifetime = Duration.ofMinutes(5);
    private boolean x5c = true;
    private Algorithm algorithm = Algorithm.ES256;

    private Builder() {}

    /** How tokens are signed; default {@link Algorithm#ES256}. */
    public Builder algorithm(Algorithm algorithm) {
      this.algorithm = algorithm;
      return this;
    }

    /** The one user the realm knows; without it only anonymous tokens are issued. */
    public Builder user(String username, String password) {
      this.credentials = new Credentials(username, password);
      return this;
    }

    /** Whether a request without credentials gets {@code pull} (default: no access at all). */
    public Builder allowAnonymousPull(boolean allow) {
      this.anonymousPull = allow;
      return this;
    }

    /** The service name: the registry's {@code auth.token.service} and the token's {@code aud}. */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    /** The token's {@code iss}, and the registry's {@code auth.token.issuer}. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** How long tokens live ({@code expires_in}); default 5 minutes. */
    public Builder tokenLifetime(Duration lifetime) {
      this.lifetime = lifetime;
      return this;
    }

    /**
     * Whether the JWT header carries the certificate in {@code x5c} (default). Without it the
     * registry must find the key by {@code kid} among the bundle's keys.
     */
    public Builder x5c(boolean include) {
      this.x5c = include;
      return this;
    }

    /** Generates the key and certificate and starts serving on 127.0.0.1 with a free port. */
    public TokenRealm start() throws IOException {
      return new TokenRealm(this);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  private TokenRealm(Builder b) throws IOException {
    this.service = b.service;
    this.issuer = b.issuer;
    this.credentials = b.credentials;
    this.anonymousPull = b.anonymousPull;
    this.x5c = b.x5c;
    this.lifetime = b.lifetime;
    this.algorithm = b.algorithm;
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance(algorithm.keyAlgorithm);
      if (algorithm == Algorithm.ES256) {
        gen.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      } else {
        gen.initialize(2048);
      }
      this.keyPair = gen.generateKeyPair();
      this.certificate = selfSigned(keyPair, algorithm.certSignature);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate the token realm's key and certificate", e);
    }
    this.keyId = libtrustKeyId(keyPair.getPublic());
    this.dir = Files.createTempDirectory("drydock-token-realm-");
    this.bundle = dir.resolve("root-cert-bundle.pem");
    try {
      Files.writeString(bundle, pem(certificate.getEncoded()));
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "token-realm");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext(PATH, this::handle);
    server.start();
  }

  /** The realm URL for the registry's config and {@code WWW-Authenticate}: {@code http://127.0.0.1:PORT/token}. */
  public URI realmUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  public String service() {
    return service;
  }

  public String issuer() {
    return issuer;
  }

  /** The configured user, or null when the realm issues only anonymous tokens. */
  public @Nullable Credentials credentials() {
    return credentials;
  }

  /** PEM file holding the signing certificate: the registry's {@code rootcertbundle}. */
  public Path rootCertBundle() {
    return bundle;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public Algorithm algorithm() {
    return algorithm;
  }

  /** The libtrust key id of the signing key, as sent in the JWT header's {@code kid}. */
  public String keyId() {
    return keyId;
  }

  /** How many requests the token endpoint received (all outcomes). */
  public int requestCount() {
    return requests.size();
  }

  /** Every request received, oldest first. */
  public List<TokenRequest> requests() {
    return List.copyOf(requests);
  }

  /** The most recent request, or null when there was none. */
  public @Nullable TokenRequest lastRequest() {
    List<TokenRequest> all = requests();
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    requests.clear();
  }

  /** Makes the next {@code count} requests fail with {@code status} (and an error body), for error-path tests. */
  public void failNext(int count, int status) {
    this.failureStatus = status;
    this.failuresLeft.set(count);
  }

  /**
   * Mints a token granting exactly {@code scopes} to {@code subject}, valid from now for the
   * configured lifetime, signed like the realm's answers.
   */
  public String mintToken(String subject, List<String> scopes) {
    return mintToken(subject, scopes.stream().map(Access::parseScope).toList(), Instant.now(), lifetime);
  }

  /**
   * Mints a token with arbitrary timing, e.g. an expired one ({@code issuedAt} an hour ago and a
   * lifetime of a minute; distribution allows 60 s of clock skew).
   */
  public String mintToken(String subject, List<Access> access, Instant issuedAt, Duration lifetime) {
    ObjectNode header = JSON.createObjectNode();
    header.put("typ", "JWT");
    header.put("alg", algorithm.name());
    header.put("kid", keyId);
    if (x5c) {
      try {
        header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
    long iat = issuedAt.getEpochSecond();
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", issuer);
    claims.put("sub", subject);
    claims.put("aud", service);
    claims.put("exp", iat + lifetime.toSeconds());
    claims.put("nbf", iat);
    claims.put("iat", iat);
    claims.put("jti", UUID.randomUUID().toString());
    ArrayNode accessArray = claims.putArray("access");
    for (Access a : access) {
      ObjectNode n = accessArray.addObject();
      n.put("type", a.type());
      n.put("name", a.name());
      ArrayNode actions = n.putArray("actions");
      a.actions().forEach(actions::add);
    }
    try {
      String signingInput = b64url(JSON.writeValueAsBytes(header)) + "." + b64url(JSON.writeValueAsBytes(claims));
      Signature sig = Signature.getInstance(algorithm.jwsSignature);
      sig.initSign(keyPair.getPrivate());
      sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64url(sig.sign());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign token", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      Files.deleteIfExists(bundle);
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A leftover PEM in the temp directory is harmless.
    }
  }

  // ---- request handling ----

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      List<String[]> params = new ArrayList<>();
      parseQuery(ex.getRequestURI().getRawQuery(), params);
      if (method.equals("POST")) {
        try (InputStream in = ex.getRequestBody()) {
          parseQuery(new String(in.readAllBytes(), StandardCharsets.UTF_8), params);
        }
      } else if (!method.equals("GET")) {
        respond(ex, 405, error("UNSUPPORTED", "method " + method + " not allowed"));
        return;
      }
      String svc = null;
      List<String> scopes = new ArrayList<>();
      String formUser = null;
      String formPassword = null;
      for (String[] p : params) {
        switch (p[0]) {
          case "service" -> svc = p[1];
          case "scope" -> {
            for (String s : p[1].split(" ")) {
              if (!s.isEmpty()) {
                scopes.add(s);
              }
            }
          }
          case "username" -> formUser = p[1];
          case "password" -> formPassword = p[1];
          default -> { }
        }
      }

      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        int status = failureStatus;
        record(method, svc, scopes, null, Outcome.INJECTED_FAILURE, List.of(), status);
        respond(ex, status, error("UNAVAILABLE", "injected failure"));
        return;
      }

      // Who is asking: HTTP Basic, or the OAuth2 password grant's form fields.
      String user = null;
      String password = null;
      String authz = ex.getRequestHeaders().getFirst("Authorization");
      if (authz != null && authz.regionMatches(true, 0, "Basic ", 0, 6)) {
        String decoded;
        try {
          decoded = new String(Base64.getDecoder().decode(authz.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          decoded = "";
        }
        int colon = decoded.indexOf(':');
        user = colon < 0 ? decoded : decoded.substring(0, colon);
        password = colon < 0 ? "" : decoded.substring(colon + 1);
      } else if (formUser != null) {
        user = formUser;
        password = formPassword == null ? "" : formPassword;
      }

      if (svc != null && !svc.equals(service)) {
        record(method, svc, scopes, user, Outcome.REJECTED, List.of(), 400);
        respond(ex, 400, error("INVALID_REQUEST", "unknown service " + svc + " (this realm serves " + service + ")"));
        return;
      }
      List<Access> asked = new ArrayList<>();
      for (String s : scopes) {
        try {
          asked.add(Access.parseScope(s));
        } catch (IllegalArgumentException e) {
          record(method, svc, scopes, user, Outcome.REJECTED, List.of(), 400);
          respond(ex, 400, error("INVALID_REQUEST", e.getMessage()));
          return;
        }
      }

      Outcome outcome;
      List<Access> granted = new ArrayList<>();
      if (user != null) {
        if (credentials == null || !credentials.username().equals(user) || !credentials.password().equals(password)) {
          record(method, svc, scopes, user, Outcome.REJECTED, List.of(), 401);
          ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + issuer + "\"");
          respond(ex, 401, error("UNAUTHORIZED", "authentication required"));
          return;
        }
        outcome = Outcome.AUTHENTICATED;
        granted.addAll(asked);
      } else {
        outcome = Outcome.ANONYMOUS;
        if (anonymousPull) {
          for (Access a : asked) {
            if (a.type().equals("repository") && a.actions().contains("pull")) {
              granted.add(new Access(a.type(), a.name(), List.of("pull")));
            }
          }
        }
      }
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      String token = mintToken(user == null ? "" : user, merge(granted), now, lifetime);
      ObjectNode body = JSON.createObjectNode();
      body.put("token", token);
      body.put("access_token", token);
      body.put("expires_in", lifetime.toSeconds());
      body.put("issued_at", now.toString());
      record(method, svc, scopes, user, outcome, granted, 200);
      respond(ex, 200, JSON.writeValueAsBytes(body));
    }
  }

  /** Folds repeated scopes for one resource into one access entry, keeping the first-seen order. */
  private static List<Access> merge(List<Access> granted) {
    List<Access> out = new ArrayList<>();
    for (Access a : granted) {
      int i = indexOf(out, a);
      if (i < 0) {
        out.add(a);
      } else {
        Set<String> actions = new LinkedHashSet<>(out.get(i).actions());
        actions.addAll(a.actions());
        out.set(i, new Access(a.type(), a.name(), List.copyOf(actions)));
      }
    }
    return out;
  }

  private static int indexOf(List<Access> list, Access a) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).type().equals(a.type()) && list.get(i).name().equals(a.name())) {
        return i;
      }
    }
    return -1;
  }

  private void record(String method, @Nullable String svc, List<String> scopes, @Nullable String user,
      Outcome outcome, List<Access> granted, int status) {
    requests.add(new TokenRequest(method, svc, scopes, user, outcome, granted, status));
  }

  private static void parseQuery(@Nullable String raw, List<String[]> out) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(new String[] {URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8)});
    }
  }

  private static byte[] error(String code, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode e = root.putArray("errors").addObject();
    e.put("code", code);
    e.put("message", message);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  // ---- keys and certificates ----

  private static X509Certificate selfSigned(KeyPair kp, String signatureAlgorithm) throws GeneralSecurityException, OperatorCreationException {
    X500Name name = new X500Name("CN=drydock test token realm");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
        name, new BigInteger(63, RANDOM).add(BigInteger.ONE),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
        name, kp.getPublic());
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
    } catch (org.bouncycastle.cert.CertIOException e) {
      throw new IllegalStateException(e);
    }
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder(signatureAlgorithm).build(kp.getPrivate())));
  }

  /**
   * The key id libtrust (and so distribution 2.8) gives a public key: SHA-256 of its DER
   * SubjectPublicKeyInfo, first 240 bits, base32 without padding, in twelve groups of four joined
   * by {@code :}.
   */
  static String libtrustKeyId(PublicKey key) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    String b32 = base32(java.util.Arrays.copyOf(hash, 30));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < b32.length(); i += 4) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(b32, i, i + 4);
    }
    return sb.toString();
  }

  private static String base32(byte[] data) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = ((buffer << 8) | (b & 0xff)) & 0xffff;
      bits += 8;
      while (bits >= 5) {
        sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  private static String b64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }
}
