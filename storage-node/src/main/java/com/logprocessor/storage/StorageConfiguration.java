package com.logprocessor.storage;

import com.logprocessor.core.merkle.Segments;
import com.logprocessor.storage.membership.StorageNodeProperties;
import com.logprocessor.storage.repair.DigestVerificationProperties;
import com.logprocessor.storage.segment.SegmentProperties;
import com.logprocessor.storage.store.DigestJournalProperties;
import com.logprocessor.storage.store.WriteProperties;
import com.logprocessor.support.storage.LogEntryBatchConverter;
import com.logprocessor.support.storage.LogEntryConverter;
import com.logprocessor.support.web.RequestSizeLimitFilter;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The node's wiring that is no single feature's: every feature's settings record, the scheduler its
 * background work runs on, and the HTTP message converters and body-size cap of its storage API.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling // DigestJournal's fold, ScheduledVerification
@EnableConfigurationProperties({StorageNodeProperties.class, SegmentProperties.class, WriteProperties.class,
        DigestVerificationProperties.class, DigestJournalProperties.class})
public class StorageConfiguration implements WebMvcConfigurer {

    /**
     * Store batches come from coordinators in the internal wire format (JSON is accepted too), and
     * a single entry goes back in it to a caller that asks in Accept; that writer comes last, so a
     * caller that accepts anything gets JSON.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(0, new LogEntryBatchConverter());
        converters.add(new LogEntryConverter());
    }

    @Bean
    Segments segments(SegmentProperties properties) {
        return properties.segments();
    }

    /** The shared body-size cap, on the write endpoints only. */
    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> storeRequestSizeLimit(WriteProperties properties) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties.maxRequestSize().toBytes()));
        registration.addUrlPatterns("/api/storage/store", "/api/storage/store/*");
        return registration;
    }
}
