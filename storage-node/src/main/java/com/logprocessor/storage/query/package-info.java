/**
 * Reads on the node: one entry by key ({@code GET /api/storage/entries/{partitionKey}/{sequence}}, 404
 * when it is not stored), queries by source IP, partition key, level and time
 * ({@code GET /api/storage/query}), and the stored count ({@code GET /api/storage/count}).
 * {@link com.logprocessor.storage.query.QueryService} checks the parameters, listing every bad one in
 * one 400, and {@link com.logprocessor.storage.query.EntryReader} runs them against PostgreSQL.
 */
package com.logprocessor.storage.query;
