package com.logprocessor.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LamportTest {

    @Test
    void versionsOrderByCounterThenWriter() {
        LamportVersion a1 = new LamportVersion(1, "a");
        LamportVersion b1 = new LamportVersion(1, "b");
        LamportVersion a2 = new LamportVersion(2, "a");
        assertThat(a1).isLessThan(b1);
        assertThat(b1).isLessThan(a2);
        assertThat(a2.isNewerThan(b1)).isTrue();
        assertThat(a1.isNewerThan(a1)).isFalse();
        assertThat(a1.isNewerThan(null)).isTrue();
        assertThat(LamportVersion.newest(a1, a2)).isEqualTo(a2);
        assertThat(LamportVersion.newest(null, b1)).isEqualTo(b1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("com.logprocessor.core.Seeds#seeds")
    void theOrderIsTotalAndConsistentWithEquals(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LamportVersion> versions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            versions.add(new LamportVersion(r.nextInt(5), "w" + r.nextInt(3)));
        }
        for (LamportVersion x : versions) {
            for (LamportVersion y : versions) {
                int c = x.compareTo(y);
                assertThat(Integer.signum(c)).isEqualTo(-Integer.signum(y.compareTo(x)));
                assertThat(c == 0).isEqualTo(x.equals(y));
            }
        }
        List<LamportVersion> shuffled = new ArrayList<>(versions);
        Collections.shuffle(shuffled, new java.util.Random(seed));
        // Every replica applying the versions in any order ends with the same winner.
        assertThat(shuffled.stream().reduce(null, LamportVersion::newest))
                .isEqualTo(Collections.max(versions));
    }

    @Test
    void aClockTicksForwardAndMergesWhatItSees() {
        LamportClock clock = new LamportClock("coordinator-1");
        LamportVersion first = clock.tick();
        assertThat(first).isEqualTo(new LamportVersion(1, "coordinator-1"));
        clock.observe(new LamportVersion(41, "coordinator-2"));
        LamportVersion next = clock.tick();
        assertThat(next.counter()).isEqualTo(42);
        assertThat(next.isNewerThan(new LamportVersion(41, "coordinator-2"))).isTrue();
        clock.observe(new LamportVersion(3, "x")); // older: no effect
        assertThat(clock.tick().counter()).isEqualTo(43);
        assertThat(new LamportClock("c", 100).tick().counter()).isEqualTo(101);
    }

    @Test
    void concurrentTicksAreUnique() throws Exception {
        LamportClock clock = new LamportClock("c");
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    seen.add(clock.tick().counter());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(40_000);
        assertThat(new HashSet<>(seen)).contains(40_000L);
    }

    @Test
    void badVersionsAreRejected() {
        assertThatThrownBy(() -> new LamportVersion(-1, "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LamportVersion(1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LamportVersion(1, null)).isInstanceOf(NullPointerException.class);
    }
}
