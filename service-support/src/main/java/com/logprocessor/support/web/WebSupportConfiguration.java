package com.logprocessor.support.web;

import com.logprocessor.support.web.container.ProblemErrorController;
import com.logprocessor.support.web.container.ProblemReportValveCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Registers the shared problem+json error handling in every service that has service-support:
 * the exception mapping ({@link ProblemResponses}), the error page and Tomcat's own error report.
 * Runs before Spring MVC's auto-configuration so Boot's own problem handler backs off, and before
 * its error auto-configuration so Boot's {@code BasicErrorController} does.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"})
@Import(ProblemResponses.class)
public class WebSupportConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ErrorPageConfiguration {

        /** First of all filters: every later one, Spring Security's included, may negotiate an answer. */
        @Bean
        FilterRegistrationBean<AcceptHeaderFilter> acceptHeaderFilter() {
            FilterRegistrationBean<AcceptHeaderFilter> registration = new FilterRegistrationBean<>(new AcceptHeaderFilter());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        @ConditionalOnMissingBean(ErrorController.class)
        ProblemErrorController problemErrorController(ObjectProvider<ErrorAttributes> errorAttributes,
                                                      ProblemResponses problems) {
            return new ProblemErrorController(errorAttributes.getIfAvailable(DefaultErrorAttributes::new), problems);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(TomcatServletWebServerFactory.class)
    static class TomcatErrorReportConfiguration {

        @Bean
        ProblemReportValveCustomizer problemReportValveCustomizer() {
            return new ProblemReportValveCustomizer();
        }
    }
}
