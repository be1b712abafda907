/** Two replicas compared top-down to their differing segments: {@code POST /api/merkle/compare}. */
package com.logprocessor.merkle.compare;
