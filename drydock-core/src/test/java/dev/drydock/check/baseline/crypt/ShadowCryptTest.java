package dev.drydock.check.baseline.crypt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Password hashes as Debian bookworm's tools computed them (libxcrypt 4.4.33 through Python's
 * {@code crypt.crypt} and {@code mkpasswd} from whois 5.5.17; OpenSSL 3.0's {@code openssl passwd}),
 * verified by {@link CryptHashes}: the right password matches, a wrong one does not.
 */
class ShadowCryptTest {

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      // Debian's default ($y$j9T: RW, N=4096, r=32, with pre-hashing)
      "password|$y$j9T$abcdefghijklmnop$7asOTx5b6Exfl3myM6K0pLBn.I2hsEvu7G0F7NMfaO.",
      "''|$y$j9T$abcdefghijklmnop$pLCmL.WFP4llpuknjZB0lCp8KKEVl43CyXQupwneDY0",
      "root|$y$j9T$F5Jx5fExrKuPp53xLKQ..1$7sns0mBDIWgdwoL7WtVeg8OpRLmM3pIF24UUv.9/Cu.",
      // other costs: N=1024; N=2048 r=27; N=8192 r=8 (no pre-hashing); mkpasswd -R 1 of ""
      "x|$y$j7T$aaaa$j0dsQt0wFFrGISy2b8vSVC285DwyTUJk6CN7ksoJEEC",
      "x|$y$j8O$bbbbbbbb$O8FTJXYjQ3chV9TWJWVE/NFOgfR7f.eP3tyC.T4pGQ1",
      "abc|$y$jC5$cccccccc$8I.bRQoS7ttGMX2XrlRZEjBEB1XbNM7eSxSYrCMVmT8",
      "''|$y$j75$EhkXnCt3VSTyoNcCCEARM1$bnUY3V8geExX8NJOKAHPZci8Z2u6omYL45gzhy4kBd8",
      // p=2 t=1; t=1
      "pw|$y$j9T0..$dddddddd$xn1gbApwDg.lmYkCdgET1PDoMHvaH0eugxliFaff4R4",
      "pw|$y$j9T/.$ffffffff$wpj.MWosJVgqee3GXj84qYAPYLSQGOLQtVBChLzcsJ0",
      // yescrypt's scrypt and WORM flavours, and scrypt's own $7$ format
      "pw|$y$.9T$gggggggg$wb0MWEuSrL9FBkY1StJbLLLGzp.2hzaPkL6El4Y7bA1",
      "pw|$y$/9T$gggggggg$JClKurUaoBT8uKwN.rbMYsZDGlAhaSz8hlCxZaDtxv.",
      "pleaseletmein|$7$C6..../....SodiumChloride$kBGj9fHznVYFQMEn/qDCfrDevf9YDtcDdKvEqHJLV8D",
      // SHA-crypt, MD5-crypt (openssl passwd -1/-5, mkpasswd -R), bcrypt (mkpasswd $2b$/$2a$, htpasswd $2y$), DES
      "hunter2|$1$saltsalt$ZliGyAN3DciDHEkDboonh/",
      "hunter2|$5$saltsalt$OIdfjX.u4Y3SJ4I2bX8w5BMf1VAUhHABNUirScDzZi3",
      "hunter2|$6$rounds=2000$saltsaltsalt$05saiPz4n8hshCZDBjSGMgYfrmgvAeS0P6Up9JjemXjU8BJ36Amz7ffw0p4AgFyOqZdUhUKmbmwoG42WUkCaq1",
      "hunter2|$2b$05$qtEoYc.3Uca0XKnuKDnCyuxflWashjxbvy5HuJDBhIFTt7BclAlpK",
      "hunter2|$2a$05$0GlnRCD/FDmLONZyd2eGKOF8GqWNqApJZwt1KZ2DFQt9pgqSqMN4e",
      "P@ssw0rd|$2y$05$5GtgyMU8yK0SR1VbRMLF3OFO3VYyG.vC6vqKMmzclJ6wsvyn5PUVu",
      "hunter2|ab0ozUNIgzCZ.",
  })
  void verifiesHashesOfTheSystemCrypt(String password, String hash) {
    CryptHashes.Field f = CryptHashes.parse(hash);
    assertThat(f).isInstanceOf(CryptHashes.Hash.class);
    CryptHashes.Verifier v = ((CryptHashes.Hash) f).verifier();
    assertThat(v.matches(password)).as("right password").isTrue();
    assertThat(v.matches(password + "x")).as("wrong password").isFalse();
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "!|Locked", "*|Locked", "!!|Locked", "!$y$j9T$abcdefghijklmnop$7asOTx5b6Exfl3myM6K0pLBn.I2hsEvu7G0F7NMfaO.|Locked",
      "*LK*|Locked", "x|Locked", "NP|Locked",
      "''|Empty",
      // schemes libxcrypt has that this scanner does not compute: named, not silently passed
      "$gy$j9T$LhrCp3.X1WfXJ7HrKxqhS1$QCmIdDZxJOpRH8DLwiN8t2lyeozQtbZzqS7EAuG.OJ.|Unsupported",
      "$md5,rounds=36086$G5q9lBEE$$2LHj1140SGv5nzT2rt.u31|Unsupported",
      "_J9..01zl1dCf2OX0dsA|Unsupported",
      "$3$$6608e4bc7b2b7a5f77ce3573570775af|Unsupported",
      // yescrypt cost 11 (mkpasswd -R 11) needs 1 GiB per try: over the memory bound
      "$y$jFT$E6QJILaYxheyZCvOsLQDj.$8jOKxjb0zf45PBLWBbSliRjWZfd7OMV4bH3u8LKwP65|Unsupported",
      // malformed
      "$6$saltsalt$tooShort|Unsupported", "$y$j9T$abc|Unsupported", "$y$$abcdefghijklmnop$7asOTx5b6Exfl3myM6K0pLBn.I2hsEvu7G0F7NMfaO.|Unsupported",
      "$y$j9T2.$eeeeeeee$xn1gbApwDg.lmYkCdgET1PDoMHvaH0eugxliFaff4R4|Unsupported",
      "$2b$99$qtEoYc.3Uca0XKnuKDnCyuxflWashjxbvy5HuJDBhIFTt7BclAlpK|Unsupported",
  })
  void classifiesFields(String field, String kind) {
    assertThat(CryptHashes.parse(field).getClass().getSimpleName()).isEqualTo(kind);
  }

  @Test
  void unsupportedNamesTheSchemeAndWhy() {
    CryptHashes.Unsupported u = (CryptHashes.Unsupported) CryptHashes.parse(
        "$y$jFT$E6QJILaYxheyZCvOsLQDj.$8jOKxjb0zf45PBLWBbSliRjWZfd7OMV4bH3u8LKwP65");
    assertThat(u.scheme()).isEqualTo("yescrypt");
    assertThat(u.reason()).contains("1024 MiB per try");
    assertThat(((CryptHashes.Unsupported) CryptHashes.parse("$md5,rounds=36086$G5q9lBEE$$2LHj1140SGv5nzT2rt.u31")).scheme())
        .isEqualTo("$md5$");
  }

  @Test
  void costFollowsTheHashParameters() {
    long y5 = cost("$y$j9T$abcdefghijklmnop$7asOTx5b6Exfl3myM6K0pLBn.I2hsEvu7G0F7NMfaO.");
    long y7 = cost("$y$jBT$saltsaltsaltsalt$8hsKWYWGL3s29.jO7pgdF/3JC04S9V94Vanx5UV90D0");
    long y1 = cost("$y$j75$EhkXnCt3VSTyoNcCCEARM1$bnUY3V8geExX8NJOKAHPZci8Z2u6omYL45gzhy4kBd8");
    assertThat(y1).isLessThan(y5);
    assertThat(y7).isGreaterThan(4 * y5);
    long sha5000 = cost("$5$saltsalt$OIdfjX.u4Y3SJ4I2bX8w5BMf1VAUhHABNUirScDzZi3");
    assertThat(cost("$5$rounds=50000$saltsalt$OIdfjX.u4Y3SJ4I2bX8w5BMf1VAUhHABNUirScDzZi3")).isEqualTo(10 * sha5000);
    // glibc clamps rounds to [1000, 999999999]
    assertThat(cost("$5$rounds=10$saltsalt$OIdfjX.u4Y3SJ4I2bX8w5BMf1VAUhHABNUirScDzZi3")).isEqualTo(sha5000 / 5);
    assertThat(cost("$2b$06$qtEoYc.3Uca0XKnuKDnCyuxflWashjxbvy5HuJDBhIFTt7BclAlpK"))
        .isEqualTo(2 * cost("$2b$05$qtEoYc.3Uca0XKnuKDnCyuxflWashjxbvy5HuJDBhIFTt7BclAlpK"));
  }

  @Test
  void base64OfYescryptRoundTrips() {
    byte[] bytes = new byte[32];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 37 + 11);
    }
    String encoded = Crypt64.encode(bytes);
    assertThat(encoded).hasSize(43);
    assertThat(Crypt64.decode(encoded, 64)).isEqualTo(bytes);
    assertThat(Crypt64.decode("a", 64)).as("one character is not a byte").isNull();
    assertThat(Crypt64.decode("a$", 64)).isNull();
  }

  private static long cost(String hash) {
    return ((CryptHashes.Hash) CryptHashes.parse(hash)).cost();
  }
}
