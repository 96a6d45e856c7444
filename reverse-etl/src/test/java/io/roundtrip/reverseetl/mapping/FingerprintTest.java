package io.roundtrip.reverseetl.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Against Guava's MurmurHash3 x64 128 (on the test classpath through Hadoop) as the reference. */
class FingerprintTest {

  @Test
  void matchesTheReferenceImplementationForEveryTailLength() {
    Random random = new Random(42);
    for (int length = 0; length < 80; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      assertThat(Fingerprint.hex(data)).as("length %d", length)
          .isEqualTo(Hashing.murmur3_128().hashBytes(data).toString());
    }
  }

  @Test
  void aKnownText() {
    byte[] fox = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    assertThat(Fingerprint.hex(fox)).isEqualTo("6c1b07bc7bbc4be347939ac4a93c437a");
  }
}
