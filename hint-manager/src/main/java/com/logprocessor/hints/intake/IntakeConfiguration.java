package com.logprocessor.hints.intake;

import com.logprocessor.support.kafka.KafkaErrorHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;

/** How the intake listener survives PostgreSQL being unreachable. */
@Configuration(proxyBeanMethods = false)
public class IntakeConfiguration {

    /**
     * A batch that fails to store (PostgreSQL down, a deadlock, a failover) is tried again for as
     * long as it takes, never skipped: a skipped hint is a write the node never gets back until
     * anti-entropy. Records that can never be stored do not get here: {@link HintIntake} skips them.
     */
    @Bean
    CommonErrorHandler hintIntakeErrorHandler() {
        return KafkaErrorHandlers.retryForever();
    }
}
