package com.logprocessor.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenTest {

    @Test
    void hashIsGuavasMurmur3AsAnUnsigned32BitValue() {
        int murmur = Hashing.murmur3_32_fixed().hashString("192.168.1.10", StandardCharsets.UTF_8).asInt();
        assertThat(Token.hash("192.168.1.10")).isEqualTo(Integer.toUnsignedLong(murmur));
        assertThat(Token.of("192.168.1.10").value()).isBetween(0L, Token.MAX);
    }

    @Test
    void hashIsStableAcrossCalls() {
        assertThat(Token.hash("storage-node-1")).isEqualTo(Token.hash("storage-node-1"));
        assertThat(Token.hash("a")).isNotEqualTo(Token.hash("b"));
    }

    @Test
    void tokensOutsideTheSpaceAreRejected() {
        assertThatThrownBy(() -> new Token(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Token(Token.SPACE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void distanceIsClockwiseAndWraps() {
        assertThat(Token.distance(10, 30)).isEqualTo(20);
        assertThat(Token.distance(30, 10)).isEqualTo(Token.SPACE - 20);
        assertThat(Token.distance(Token.MAX, 0)).isEqualTo(1);
        assertThat(Token.distance(5, 5)).isZero();
    }

    @Test
    void tokensOrderNumerically() {
        assertThat(new Token(2)).isLessThan(new Token(3_000_000_000L));
    }
}
