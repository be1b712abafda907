/** Settings, UP nodes and cache use for operators: {@code GET /api/merkle/health}. */
package com.logprocessor.merkle.health;
