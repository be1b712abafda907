package com.logprocessor.hints.store;

/**
 * The unexpired hints waiting for one node.
 *
 * @param oldestAgeSeconds age of its oldest hint (from its creation), by the database's clock
 */
public record PendingNode(String node, long pending, double oldestAgeSeconds) {
}
