package com.logprocessor.bench.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.bench.support.Keys;
import com.logprocessor.core.token.Token;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The candidate hash gives exactly core's tokens, so adopting it would move no key. */
class Murmur3CandidateTest {

    @Test
    void equalsTokenHashOnIpv4Keys() {
        for (String key : Keys.ipv4(100_000, 99)) {
            assertThat(Murmur3Candidate.hash(key)).as(key).isEqualTo(Token.hash(key));
        }
    }

    @Test
    void equalsTokenHashOnEveryLengthAndOnNonAsciiKeys() {
        SplittableRandom random = new SplittableRandom(1);
        StringBuilder sb = new StringBuilder();
        for (int length = 0; length <= 40; length++) {
            for (int trial = 0; trial < 50; trial++) {
                sb.setLength(0);
                for (int i = 0; i < length; i++) {
                    // Mostly ASCII (the whole 0..127 range), sometimes Latin-1, Greek or a surrogate pair.
                    int pick = random.nextInt(20);
                    if (pick == 0) {
                        sb.append((char) (0x80 + random.nextInt(0x780)));
                    } else if (pick == 1) {
                        sb.appendCodePoint(0x1F600 + random.nextInt(50));
                    } else {
                        sb.append((char) random.nextInt(0x80));
                    }
                }
                String key = sb.toString();
                assertThat(Murmur3Candidate.hash(key)).as("%s", key).isEqualTo(Token.hash(key));
            }
        }
        for (String key : new String[] {"", "a", "node-1#0", "café", "ключ", "10.0.0.1", "partition-ü-1"}) {
            assertThat(Murmur3Candidate.hash(key)).as(key).isEqualTo(Token.hash(key));
        }
    }
}
