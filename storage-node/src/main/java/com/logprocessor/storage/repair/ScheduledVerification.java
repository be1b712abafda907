package com.logprocessor.storage.repair;

import com.logprocessor.storage.config.DigestVerificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the full digest verification every {@code storage.digests.verification.interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "storage.digests.verification.scheduled", matchIfMissing = true)
class ScheduledVerification implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ScheduledVerification.class);

    private final DigestVerifier verifier;
    private final DigestVerificationProperties properties;

    ScheduledVerification(DigestVerifier verifier, DigestVerificationProperties properties) {
        this.verifier = verifier;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::verify, properties.interval(), properties.interval()));
    }

    private void verify() {
        try {
            verifier.verify(null, properties.correct());
        } catch (VerificationRunningException e) {
            log.info("Scheduled digest verification skipped: one requested over HTTP is running");
        } catch (RuntimeException e) {
            // Keep the schedule alive: the next run may succeed (e.g. the database was briefly away).
            log.error("Scheduled digest verification failed", e);
        }
    }
}
