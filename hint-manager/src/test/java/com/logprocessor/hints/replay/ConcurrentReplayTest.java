package com.logprocessor.hints.replay;

import static com.logprocessor.hints.testing.Hints.entry;
import static com.logprocessor.hints.testing.Hints.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.hints.testing.HandoffTestSupport;
import com.logprocessor.support.testing.FakeStorageNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two replayers on the same hint table (this context's, and a second instance as another
 * hint-manager instance would run) replay one node's backlog at the same time to a slow node:
 * each hint reaches the node exactly once.
 */
class ConcurrentReplayTest extends HandoffTestSupport {

    @Autowired
    HintReplayer contextReplayer;
    @Autowired
    ReplayBatch batches;
    @Autowired
    HintProperties properties;

    @Test
    void twoReplayersOnOneTableDeliverEveryHintExactlyOnce() {
        String node = node("two-replayers");
        FakeStorageNode fake = fakeNode();
        fake.answerDelayMillis = 150;
        Set<UUID> published = new HashSet<>();
        for (int i = 1; i <= 600; i++) { // six batches of 100
            var e = entry("k-" + (i % 13), i);
            published.add(e.id());
            publish(node, e);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(node) == 600);

        HintReplayer second = new HintReplayer(ringView, batches, properties);
        second.start();
        AtomicInteger bothAtOnce = new AtomicInteger();
        try {
            up(node, fake); // both see the node come up and start at once
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                if (second.isReplaying(node) && contextReplayer.isReplaying(node)) {
                    bothAtOnce.incrementAndGet();
                }
                return rows(node) == 0;
            });
        } finally {
            second.stop();
        }
        assertThat(fake.deliveries.keySet()).isEqualTo(published);
        assertThat(fake.deliveries.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        assertThat(fake.delivered).hasSize(600);
        assertThat(fake.maxConcurrentRequests()).as("the two replayers sent at the same time").isGreaterThanOrEqualTo(2);
        assertThat(bothAtOnce).hasPositiveValue();
        assertThat(List.copyOf(fake.requestNanos)).hasSize(6);
    }
}
