package com.logprocessor.coordinator.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Back-pressure instead of dead letters: a partition whose entries cannot meet their consistency
 * level (replicas unreachable) is paused in the listener container and resumed after a capped
 * exponential backoff ({@link HoldProperties}); the listener has already sought it back to its
 * first unwritten record, so it is read and tried again, for as long as it takes. Kafka's
 * retention is the buffer. Other partitions of the same consumer keep flowing, and the consumer
 * keeps polling, so it stays in its group and rebalances are not delayed.
 *
 * <p>Metrics: {@code coordinator_partitions_held} (partitions whose last try failed) and
 * {@code coordinator_holds_total} (failed tries).
 */
public class PartitionHolds {

    private static final Logger log = LoggerFactory.getLogger(PartitionHolds.class);

    private final Supplier<MessageListenerContainer> container;
    private final HoldProperties properties;
    private final ScheduledExecutorService scheduler;
    private final Map<TopicPartition, Integer> tries = new ConcurrentHashMap<>();
    private final Counter holds;

    public PartitionHolds(Supplier<MessageListenerContainer> container, HoldProperties properties,
                          ScheduledExecutorService scheduler, MeterRegistry meters) {
        this.container = container;
        this.properties = properties;
        this.scheduler = scheduler;
        this.holds = Counter.builder("coordinator.holds")
                .description("Tries of a partition that failed because entries could not meet their consistency level")
                .register(meters);
        Gauge.builder("coordinator.partitions.held", tries, Map::size)
                .description("Partitions of logs.ingest held by this coordinator: their last try could not meet"
                        + " the consistency level of every entry")
                .register(meters);
    }

    /**
     * Called on the consumer thread after a failed try of {@code partition} (already sought back):
     * pauses it before the next poll and schedules its resumption.
     */
    public void hold(TopicPartition partition, String reason) {
        int n = tries.merge(partition, 1, Integer::sum);
        Duration pause = properties.backoff(n);
        container.get().pausePartition(partition);
        holds.increment();
        scheduler.schedule(() -> container.get().resumePartition(partition), pause.toMillis(), TimeUnit.MILLISECONDS);
        if (n == 1 || Integer.bitCount(n) == 1) { // 1st, 2nd, 4th, 8th … try: enough to follow, not a flood
            log.warn("{} held (try {} failed: {}); next try in {} ms", partition, n, reason, pause.toMillis());
        }
    }

    /** Called when a partition's batch was written and checkpointed: its backoff starts over. */
    public void release(TopicPartition partition) {
        Integer failed = tries.remove(partition);
        if (failed != null) {
            log.info("{} written again after {} failed tries; resumed", partition, failed);
        }
    }

    /** Called when partitions are revoked: another consumer owns them now (and resumes from their checkpoint). */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tries::remove);
    }
}
