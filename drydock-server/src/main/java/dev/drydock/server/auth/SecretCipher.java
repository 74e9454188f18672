package dev.drydock.server.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (AccessKey secrets, registry passwords, cluster credentials) with
 * AES-256-GCM under the master key. Each value gets a fresh 96-bit nonce; the stored form is
 * {@code v1:} + base64(nonce ‖ ciphertext ‖ tag). The purpose string is bound as associated
 * data, so a value encrypted as one kind of secret cannot be replayed as another.
 */
public final class SecretCipher {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  public SecretCipher(byte[] masterKey) {
    if (masterKey.length != 32) {
      throw new IllegalArgumentException("the master key must be 32 bytes (256 bits), got " + masterKey.length);
    }
    this.key = new SecretKeySpec(masterKey.clone(), "AES");
  }

  public String encrypt(String purpose, String plaintext) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + ct.length).put(nonce).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** Decrypts; throws IllegalStateException when the value was not encrypted under this master key. */
  public String decrypt(String purpose, String stored) {
    if (!stored.startsWith("v1:")) {
      throw new IllegalStateException("unknown secret format");
    }
    byte[] all = Base64.getDecoder().decode(stored.substring(3));
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored secret does not decrypt with the configured master key "
          + "(was DRYDOCK_MASTER_KEY changed?)", e);
    }
  }
}
