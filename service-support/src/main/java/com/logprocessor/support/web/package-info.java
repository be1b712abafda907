/**
 * RFC 9457 problem+json errors for every service: the one exception-to-problem mapping
 * ({@link com.logprocessor.support.web.ProblemResponses}), the exceptions it maps (a service's own
 * extend {@link com.logprocessor.support.web.ProblemException}), the shared problem types, and the
 * request size limit. Auto-configured by {@link com.logprocessor.support.web.WebSupportConfiguration}.
 */
package com.logprocessor.support.web;
