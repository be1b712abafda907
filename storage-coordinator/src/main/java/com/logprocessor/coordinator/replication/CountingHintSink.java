package com.logprocessor.coordinator.replication;

import com.logprocessor.core.entry.LogEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs and counts missed replica writes ({@code hints_created_total{target_node}}) until the hint
 * manager stores them; anti-entropy repairs those replicas meanwhile.
 */
public class CountingHintSink implements HintSink {

    private static final Logger log = LoggerFactory.getLogger(CountingHintSink.class);

    private final MeterRegistry meters;

    public CountingHintSink(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void hint(String targetNode, List<LogEntry> entries) {
        Counter.builder("hints.created").tag("target_node", targetNode)
                .description("Replica writes missed by a node, to be handed off when it is back")
                .register(meters).increment(entries.size());
        log.warn("{} missed {} entries (e.g. {}/{}); left to anti-entropy until hinted handoff stores them",
                targetNode, entries.size(), entries.get(0).partitionKey(), entries.get(0).sequence());
    }
}
