/**
 * The read API, relayed to the storage coordinator, which knows the ring: queries
 * ({@code GET /api/logs}) and quorum reads of one entry with read repair
 * ({@code GET /api/read/{partitionKey}/{sequence}}), in
 * {@link com.logprocessor.gateway.query.QueryProxyController}. Parameters are checked here by the same
 * rules as the coordinator and the nodes, so bad input is a 400 before any hop; the coordinator's
 * answer, problem details included, is relayed as it is.
 */
package com.logprocessor.gateway.query;
