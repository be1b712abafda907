/**
 * The ring for operators: members, where a key goes, the distribution and forgetting a dead member
 * over REST ({@link com.logprocessor.coordinator.ring.RingController}), and the {@code GET /ring} page
 * ({@link com.logprocessor.coordinator.ring.RingPage}) with token ranges, ownership and the anti-entropy
 * repairs in progress. {@link com.logprocessor.coordinator.ring.DistributionService} counts the logs
 * each UP node owns as primary and stores, from the nodes' own partition listings (the
 * {@code storage_distribution_balance_score} gauge); since a listing costs O(partitions), a node's is
 * read again only when its entry count or the ring changed.
 */
package com.logprocessor.coordinator.ring;
