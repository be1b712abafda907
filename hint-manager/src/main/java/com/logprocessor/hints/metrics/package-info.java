/**
 * What the hint manager counts and exposes to Prometheus ({@code hints_*}, {@code hint_replay_batch_seconds})
 * and the running totals {@code GET /api/hints/stats} reports.
 */
package com.logprocessor.hints.metrics;
