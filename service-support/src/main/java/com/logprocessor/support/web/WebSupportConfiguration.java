package com.logprocessor.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Registers the shared problem+json error handling in every service that has service-support,
 * before Spring MVC's auto-configuration so Boot's own problem handler backs off.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@Import(ProblemResponses.class)
public class WebSupportConfiguration {
}
