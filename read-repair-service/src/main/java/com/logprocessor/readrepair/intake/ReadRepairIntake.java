package com.logprocessor.readrepair.intake;

import com.logprocessor.readrepair.metrics.ReadRepairMetrics;
import com.logprocessor.readrepair.repair.ReadRepairer;
import com.logprocessor.readrepair.repair.RepairOutcome;
import com.logprocessor.support.kafka.ReadRepairRecords;
import com.logprocessor.support.kafka.ReadRepairRecords.ReadRepairRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a batch of records into repairs: decodes each request, collapses duplicates
 * ({@link RepairCollapser}), repairs the rest and remembers which entries are now consistent. A
 * record that is not a usable request is logged, counted ({@code reason=unreadable}) and skipped:
 * it can never become one, and must not hold up the requests behind it.
 */
@Service
public class ReadRepairIntake {

    private static final Logger log = LoggerFactory.getLogger(ReadRepairIntake.class);

    private final RepairCollapser collapser;
    private final ReadRepairer repairer;
    private final ReadRepairMetrics metrics;
    private final JsonMapper json;

    public ReadRepairIntake(RepairCollapser collapser, ReadRepairer repairer, ReadRepairMetrics metrics,
                            JsonMapper json) {
        this.collapser = collapser;
        this.repairer = repairer;
        this.metrics = metrics;
        this.json = json;
    }

    /** Repairs what the batch asks for; returns once every repair has ended (done or failed). */
    public void process(List<ConsumerRecord<String, byte[]>> records) {
        List<ReadRepairRequest> requests = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            ReadRepairRequest request = decode(record);
            if (request != null) {
                requests.add(request);
            }
        }
        RepairCollapser.Collapsed collapsed = collapser.collapse(requests);
        metrics.collapsed(collapsed.collapsed());
        if (collapsed.toRepair().isEmpty()) {
            return;
        }
        for (RepairOutcome outcome : repairer.repairAll(collapsed.toRepair())) {
            if (outcome.madeConsistent()) {
                collapser.madeConsistent(outcome.partitionKey(), outcome.sequence(), outcome.newest());
            }
        }
    }

    private ReadRepairRequest decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return unreadable(record, "no value");
        }
        ReadRepairRequest request;
        try {
            request = ReadRepairRecords.read(record.value(), json);
        } catch (RuntimeException e) {
            return unreadable(record, e.getMessage());
        }
        if (request == null || request.partitionKey() == null || request.partitionKey().isBlank()) {
            return unreadable(record, "no partition key");
        }
        if (request.sequence() < 1) {
            return unreadable(record, "sequence " + request.sequence() + " is not a placed entry's");
        }
        return request;
    }

    private ReadRepairRequest unreadable(ConsumerRecord<String, byte[]> record, String detail) {
        metrics.failed(ReadRepairMetrics.UNREADABLE);
        log.warn("Skipping a record on {}-{} at offset {} that is not a read-repair request: {}",
                record.topic(), record.partition(), record.offset(), detail);
        return null;
    }
}
