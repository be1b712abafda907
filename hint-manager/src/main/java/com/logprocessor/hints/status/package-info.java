/**
 * What is waiting and what happened, for operators: {@code GET /api/hints/pending},
 * {@code GET /api/hints/stats}, and the {@code hints_pending{node}} gauge.
 */
package com.logprocessor.hints.status;
