package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestVerifyingInputStreamTest {

  private static final byte[] DATA = "hello layer".getBytes(StandardCharsets.UTF_8);

  @Test
  void passesWhenContentMatches() throws Exception {
    var in = new DigestVerifyingInputStream(new ByteArrayInputStream(DATA), Digest.sha256(DATA), DATA.length);
    assertThat(in.readAllBytes()).isEqualTo(DATA);
    in.drainAndVerify();
  }

  @Test
  void failsAtEndOfStreamOnOtherContent() {
    Digest other = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    var in = new DigestVerifyingInputStream(new ByteArrayInputStream(DATA), other, DATA.length);
    assertThatThrownBy(in::readAllBytes).isInstanceOf(DigestMismatchException.class)
        .hasMessageStartingWith("digest mismatch in blob " + other);
  }

  @Test
  void failsWhenLongerThanItsDescriptor() {
    var in = new DigestVerifyingInputStream(new ByteArrayInputStream(DATA), Digest.sha256(DATA), 3);
    assertThatThrownBy(in::readAllBytes).isInstanceOf(DigestMismatchException.class).hasMessageContaining("more than the 3 bytes");
  }

  @Test
  void drainVerifiesWhatTheReaderSkipped() throws Exception {
    Digest other = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    var in = new DigestVerifyingInputStream(new ByteArrayInputStream(DATA), other, -1);
    in.read(new byte[2]);
    assertThatThrownBy(in::drainAndVerify).isInstanceOf(DigestMismatchException.class);
  }
}
