package com.logprocessor.gateway.admission;

import com.logprocessor.gateway.ingest.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
class AdmissionConfiguration {

    /** Before the request size filter and the body's parsing: a shed request costs no reading. */
    @Bean
    FilterRegistrationBean<IngestAdmission> ingestAdmission(AdmissionProperties properties, GatewayProperties gateway,
            MeterRegistry meters) {
        FilterRegistrationBean<IngestAdmission> registration = new FilterRegistrationBean<>(
                new IngestAdmission(properties, gateway.maxRequestSize().toBytes(), meters));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
