/**
 * The node's {@code segment.size}, how many sequences one segment digest covers
 * ({@link com.logprocessor.storage.segment.SegmentProperties}). Every replica must use the same size,
 * or their digests cannot be compared; the size is recorded in the database on first start, and the
 * node refuses to start with another one, since its stored digests were computed with it.
 */
package com.logprocessor.storage.segment;
