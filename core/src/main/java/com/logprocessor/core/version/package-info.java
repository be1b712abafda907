/**
 * Lamport versions, which decide between copies of an entry: a
 * {@link com.logprocessor.core.version.LamportVersion} is {@code (counter, writerId)}, ordered by
 * counter then writer id, so any two versions have a single winner (last writer wins) and every replica
 * picks the same one. A {@link com.logprocessor.core.version.LamportClock} stamps one writer's new
 * versions, each newer than every version it has made or observed.
 */
package com.logprocessor.core.version;
