package dev.drydock.check.baseline.crypt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Password hashes as Debian's libxcrypt (libcrypt1 1:4.4.33, Python's {@code crypt.crypt} on
 * bookworm) computed them, verified by {@link CryptHashes}: the right password matches, a wrong
 * one does not.
 */
class ShadowCryptTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      // Debian's default ($y$j9T: RW, N=4096, r=32, with pre-hashing)
      "password|$y$j9T$abcdefghijklmnop$7asOTx5b6Exfl3myM6K0pLBn.I2hsEvu7G0F7NMfaO.",
      "''|$y$j9T$abcdefghijklmnop$pLCmL.WFP4llpuknjZB0lCp8KKEVl43CyXQupwneDY0",
      "root|$y$j9T$F5Jx5fExrKuPp53xLKQ..1$7sns0mBDIWgdwoL7WtVeg8OpRLmM3pIF24UUv.9/Cu.",
      // other costs: N=16384; N=1024; N=2048 r=27; N=8192 r=8 (no pre-hashing)
      "hunter2|$y$jBT$saltsaltsaltsalt$8hsKWYWGL3s29.jO7pgdF/3JC04S9V94Vanx5UV90D0",
      "x|$y$j7T$aaaa$j0dsQt0wFFrGISy2b8vSVC285DwyTUJk6CN7ksoJEEC",
      "x|$y$j8O$bbbbbbbb$O8FTJXYjQ3chV9TWJWVE/NFOgfR7f.eP3tyC.T4pGQ1",
      "abc|$y$jC5$cccccccc$8I.bRQoS7ttGMX2XrlRZEjBEB1XbNM7eSxSYrCMVmT8",
      // p=2 t=1; t=1
      "pw|$y$j9T0..$dddddddd$xn1gbApwDg.lmYkCdgET1PDoMHvaH0eugxliFaff4R4",
      "pw|$y$j9T/.$ffffffff$wpj.MWosJVgqee3GXj84qYAPYLSQGOLQtVBChLzcsJ0",
      // yescrypt's scrypt and WORM flavours, and scrypt's own $7$ format
      "pw|$y$.9T$gggggggg$wb0MWEuSrL9FBkY1StJbLLLGzp.2hzaPkL6El4Y7bA1",
      "pw|$y$/9T$gggggggg$JClKurUaoBT8uKwN.rbMYsZDGlAhaSz8hlCxZaDtxv.",
      "pleaseletmein|$7$C6..../....SodiumChloride$kBGj9fHznVYFQMEn/qDCfrDevf9YDtcDdKvEqHJLV8D",
  })
  void yescryptMatchesLibxcrypt(String password, String hash) {
    CryptHashes.Field f = CryptHashes.parse(hash);
    assertThat(f).isInstanceOf(CryptHashes.Hash.class);
    CryptHashes.Verifier v = ((CryptHashes.Hash) f).verifier();
    assertThat(v.matches(password)).as("right password").isTrue();
    assertThat(v.matches(password + "x")).as("wrong password").isFalse();
  }
}
