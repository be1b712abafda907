/**
 * The Merkle tree service (design: "Anti-entropy"): builds a storage node's Merkle tree of a
 * partition from its segment digests ({@code tree}, cached in Redis), compares two replicas' trees
 * down to the differing segments ({@code compare}), resolves nodes by URL or ring member id and
 * reads their digests ({@code node}), and reports its state ({@code health}, {@code metrics}).
 */
package com.logprocessor.merkle;
