package com.logprocessor.hints.replay;

import static com.logprocessor.hints.testing.Hints.entry;
import static com.logprocessor.hints.testing.Hints.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.hints.testing.HandoffTestSupport;
import com.logprocessor.support.testing.FakeStorageNode;
import com.logprocessor.support.testing.FakeStorageNodes.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With the periodic check an hour apart, only the ring event of a node coming back can start its
 * replay: it does, within seconds.
 */
@TestPropertySource(properties = {"hint.replay.check-interval=1h", "test.database=hints_ring_event",
        "ring.key-prefix=ring-hints-event"})
class RingEventReplayTest extends HandoffTestSupport {

    @Test
    void aNodeComingBackGetsItsHintsFromTheRingEventAlone() {
        String node = node("comes-back");
        FakeStorageNode fake = fakeNode();
        Node before = up(node, fake);
        down(before);
        List<UUID> published = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            LogEntry e = entry("comes-back-key", i);
            published.add(e.id());
            publish(node, e);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(node) == 150);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> fake.requestNanos.isEmpty());

        long upAt = System.nanoTime();
        up(node, fake);

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.delivered.size() == 150);
        assertThat(Duration.ofNanos(System.nanoTime() - upAt)).isLessThan(Duration.ofSeconds(10));
        assertThat(fake.deliveredIds()).containsExactlyElementsOf(published);
        await().atMost(Duration.ofSeconds(5)).until(() -> rows(node) == 0);
    }
}
