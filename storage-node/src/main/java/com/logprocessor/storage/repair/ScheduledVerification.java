package com.logprocessor.storage.repair;

import com.logprocessor.storage.membership.StorageNodeProperties;
import com.logprocessor.support.antientropy.AntiEntropyClient;
import com.logprocessor.support.antientropy.AntiEntropyClientConfiguration;
import com.logprocessor.support.antientropy.RepairReason;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the full digest verification every {@code storage.digests.verification.interval}, then asks
 * the anti-entropy coordinator to compare again each partition whose digests it corrected (more than
 * {@value #MAX_PARTITION_REQUESTS} of them: the node's every range, one job instead of hundreds).
 * Until corrected, those digests hid the difference from anti-entropy. A verification asked for over
 * HTTP only reports and corrects: its caller decides what to repair.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@Import(AntiEntropyClientConfiguration.class)
@ConditionalOnBooleanProperty(name = "storage.digests.verification.scheduled", matchIfMissing = true)
class ScheduledVerification implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ScheduledVerification.class);

    static final int MAX_PARTITION_REQUESTS = 100;

    private final DigestVerifier verifier;
    private final DigestVerificationProperties properties;
    private final AntiEntropyClient antiEntropy;
    private final String nodeId;

    ScheduledVerification(DigestVerifier verifier, DigestVerificationProperties properties,
            AntiEntropyClient antiEntropy, StorageNodeProperties node) {
        this.verifier = verifier;
        this.properties = properties;
        this.antiEntropy = antiEntropy;
        this.nodeId = node.id();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::verify, properties.interval(), properties.interval()));
    }

    /** One verification; the returned future completes when the repair requests it made are answered. */
    CompletableFuture<Void> verify() {
        Set<String> corrected = new TreeSet<>();
        try {
            verifier.verify(null, properties.correct(), corrected::add);
        } catch (VerificationRunningException e) {
            log.info("Scheduled digest verification skipped: one requested over HTTP is running");
        } catch (RuntimeException e) {
            // Keep the schedule alive: the next run may succeed (e.g. the database was briefly away).
            log.error("Scheduled digest verification failed", e);
        }
        // Also after a failure: the partitions corrected before it are still worth comparing.
        if (corrected.size() > MAX_PARTITION_REQUESTS) {
            return antiEntropy.repairNode(nodeId, RepairReason.DIGESTS_CORRECTED).thenApply(ok -> null);
        }
        return CompletableFuture.allOf(corrected.stream()
                .map(key -> antiEntropy.repairPartition(key, RepairReason.DIGESTS_CORRECTED))
                .toArray(CompletableFuture[]::new));
    }
}
