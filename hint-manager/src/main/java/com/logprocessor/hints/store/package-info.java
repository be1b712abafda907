/**
 * The hint table adapter: every statement the hint manager runs against its PostgreSQL database
 * ({@code hints}, schema in {@code db/migration}). Each operation on many hints is one statement
 * over arrays (unnest, {@code = ANY}), never a round trip per hint.
 */
package com.logprocessor.hints.store;
