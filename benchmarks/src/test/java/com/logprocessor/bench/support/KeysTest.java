package com.logprocessor.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void keysAreValidDiverseIpv4AddressesAndReproducible() {
        String[] keys = Keys.ipv4(1 << 16, 24);
        assertThat(keys).allSatisfy(k -> assertThat(InetAddresses.isInetAddress(k)).as(k).isTrue());
        assertThat(Arrays.stream(keys).distinct().count()).isGreaterThan((long) (0.999 * keys.length));
        assertThat(Arrays.stream(keys).mapToInt(String::length).distinct().count()).isGreaterThanOrEqualTo(7);
        assertThat(Keys.ipv4(100, 24)).containsExactly(Arrays.copyOf(keys, 100));
    }

    @Test
    void tokensAreTheRingHashOfEachKey() {
        String[] keys = Keys.ipv4(10, 1);
        long[] tokens = Keys.tokens(keys);
        for (int i = 0; i < keys.length; i++) {
            assertThat(tokens[i]).isEqualTo(com.logprocessor.core.token.Token.hash(keys[i]));
        }
    }
}
