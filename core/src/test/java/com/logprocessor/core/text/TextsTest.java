package com.logprocessor.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void longTextIsCutToTheLimitWithAMark() {
        assertThat(Texts.abbreviate("a".repeat(64), 64)).isEqualTo("a".repeat(64));
        assertThat(Texts.abbreviate("a".repeat(65), 64)).isEqualTo("a".repeat(61) + "...").hasSize(64);
        assertThat(Texts.abbreviate(null, 64)).isEmpty();
        assertThatThrownBy(() -> Texts.abbreviate("abc", 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
