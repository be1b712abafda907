package com.logprocessor.hints.status;

import java.time.Instant;

/**
 * Body of {@code GET /api/hints/stats}. The counts are this instance's since {@code since} (it
 * started; they are not shared between instances and restart at 0); {@code pending} is the
 * database's, the same from every instance.
 *
 * @param created hints newly stored
 * @param replayed hints their node took
 * @param expired hints deleted unsent because they expired
 * @param failed hints given up: out of attempts, or refused for good by their node
 * @param rejected records on the hints topic that were not a usable hint
 * @param pending unexpired hints waiting now, all nodes
 * @param replayRatePerSecond hints replayed per second over the last minute (or since start, if shorter)
 */
public record HintStats(Instant since, long created, long replayed, long expired, long failed, long rejected,
                        long pending, double replayRatePerSecond) {
}
