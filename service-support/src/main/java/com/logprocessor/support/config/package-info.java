/**
 * Settings every service shares. {@link com.logprocessor.support.config.ServiceDefaults} adds the
 * common actuator, metrics, Redis timeout and graceful shutdown defaults at the lowest precedence, so a
 * service's own configuration still overrides them and operators get the same probes and metrics from
 * every service. {@link com.logprocessor.support.config.Durations} checks duration settings, so that
 * every service refuses a bad value at start-up with the same message.
 */
package com.logprocessor.support.config;
