package com.logprocessor.storage.config;

import com.logprocessor.core.merkle.Segments;
import com.logprocessor.support.web.RequestSizeLimitFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StorageNodeProperties.class, SegmentProperties.class, WriteProperties.class,
        DigestVerificationProperties.class})
public class StorageConfiguration {

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
