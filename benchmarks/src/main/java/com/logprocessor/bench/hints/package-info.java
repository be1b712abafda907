/**
 * Hint replay rate into one storage node, end to end on a running local cluster:
 * {@link com.logprocessor.bench.hints.HintReplayBenchmark}. It stops the node, writes hints for it to
 * {@code logs.hints} the way coordinators do, times how fast the hint manager stores them and then
 * replays them once the node is back, and checks that the node's entry count grew by exactly the
 * number of hints.
 */
package com.logprocessor.bench.hints;
