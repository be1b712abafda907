package com.logprocessor.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** Registers the shared problem+json error handling in every service that has service-support. */
@AutoConfiguration
@Import(ProblemResponses.class)
public class WebSupportConfiguration {
}
