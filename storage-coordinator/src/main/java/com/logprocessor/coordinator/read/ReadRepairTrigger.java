package com.logprocessor.coordinator.read;

import com.logprocessor.core.query.RepairMode;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.support.kafka.KafkaSends;
import com.logprocessor.support.kafka.ReadRepairRecords;
import com.logprocessor.support.kafka.ReadRepairRecords.ReadRepairRequest;
import com.logprocessor.support.kafka.TopicsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands stale replicas found by reads to read-repair-service through {@code read-repairs}, and
 * counts every repair a read triggers ({@code read_repairs_triggered_total}, by mode and cause).
 * A request Kafka does not take is logged and counted, never retried by the read: the divergence
 * is still there for the next read, and anti-entropy finds it regardless.
 */
public class ReadRepairTrigger {

    private static final Logger log = LoggerFactory.getLogger(ReadRepairTrigger.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Counter> triggered = new ConcurrentHashMap<>();
    private final Counter unsent;

    public ReadRepairTrigger(KafkaTemplate<String, byte[]> kafka, TopicsProperties topics, JsonMapper json,
                             Clock clock, MeterRegistry meters) {
        this.kafka = kafka;
        this.topic = topics.readRepairs();
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.unsent = Counter.builder("read.repairs.unsent")
                .description("Read-repair requests Kafka did not take (the divergence stays for anti-entropy)")
                .register(meters);
        // Every mode and cause from the start: a dashboard shows 0 repairs, not "no data".
        for (RepairMode mode : RepairMode.values()) {
            for (String cause : CAUSES) {
                counter(mode, cause);
            }
        }
    }

    /** Why a read triggers a repair: a replica it contacted was stale, or the read-repair.chance check of the others. */
    public static final java.util.List<String> CAUSES = java.util.List.of("read", "chance");

    /** Counts one read that found stale replicas, whichever way they are repaired. */
    public void triggered(RepairMode mode, String cause) {
        counter(mode, cause).increment();
    }

    /** Asks read-repair-service to repair the entry (it re-reads every replica itself). */
    public void publish(String partitionKey, long sequence, LamportVersion newest, List<String> staleNodes,
                        String cause) {
        ReadRepairRequest request = new ReadRepairRequest(partitionKey, sequence, newest, staleNodes, cause,
                clock.millis());
        KafkaSends.send(kafka, ReadRepairRecords.record(topic, request, json)).whenComplete((ok, failure) -> {
            if (failure != null) {
                unsent.increment();
                log.warn("Read repair of {}/{} on {} not requested: {}", partitionKey, sequence, staleNodes,
                        failure.toString());
            }
        });
    }

    private Counter counter(RepairMode mode, String cause) {
        return triggered.computeIfAbsent(mode.label() + "/" + cause, k -> Counter.builder("read.repairs.triggered")
                .description("Reads that found stale replicas and repaired them (blocking) or asked"
                        + " read-repair-service to (async); cause: read (a contacted replica) or chance"
                        + " (the read-repair.chance check of the others)")
                .tag("mode", mode.label()).tag("cause", cause)
                .register(meters));
    }
}
