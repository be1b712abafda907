package com.logprocessor.hints.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateWindowTest {

    @Test
    void theRateIsOverTheLastMinuteOrSinceStartWhenShorter() {
        long start = 1_000_000_000L;
        RateWindow w = new RateWindow(start);
        w.add(100, start);
        w.add(100, start + 9_500);
        assertThat(w.perSecond(start + 9_900)).as("200 over the 10 s since start").isCloseTo(20, within(0.01));
        w.add(400, start + 59_000);
        assertThat(w.perSecond(start + 59_999)).as("600 over a minute").isCloseTo(10, within(0.01));
        assertThat(w.perSecond(start + 65_000)).as("the first second has left the window")
                .isCloseTo(500 / 60d, within(0.01));
        assertThat(w.perSecond(start + 200_000)).isZero();
    }
}
