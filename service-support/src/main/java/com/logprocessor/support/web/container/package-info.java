/**
 * problem+json for errors that never reach a controller's exception handlers: Tomcat's own
 * rejections (an encoded {@code /} or NUL in the path, invalid characters, malformed requests),
 * answered by {@link com.logprocessor.support.web.container.ProblemReportValve} in place of
 * Tomcat's HTML error page, and whatever is forwarded to the error page ({@code /error}: a filter
 * that failed or called {@code sendError}), answered by
 * {@link com.logprocessor.support.web.container.ProblemErrorController}. Both give the same shape
 * as {@link com.logprocessor.support.web.ProblemResponses}.
 */
package com.logprocessor.support.web.container;
