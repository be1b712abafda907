package com.logprocessor.readrepair.intake;

import com.google.common.base.Ticker;
import com.logprocessor.readrepair.repair.ReadRepairProperties;
import com.logprocessor.support.kafka.KafkaErrorHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;

/** The dedup window, and how the listener survives a failure outside its records. */
@Configuration(proxyBeanMethods = false)
public class IntakeConfiguration {

    @Bean
    RepairCollapser repairCollapser(ReadRepairProperties properties) {
        return new RepairCollapser(properties.dedupWindow(), Ticker.systemTicker());
    }

    /**
     * Repairs never throw (a failed repair is counted and left to later reads and anti-entropy) and
     * unreadable records are skipped by {@link ReadRepairIntake}, so what gets here is the service
     * itself failing (e.g. stopping mid-batch): the batch is tried again rather than skipped.
     */
    @Bean
    CommonErrorHandler readRepairErrorHandler() {
        return KafkaErrorHandlers.retryForever();
    }
}
