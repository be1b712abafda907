/**
 * JMH benchmarks of routing, hashing a key and finding its owner or its preference list:
 * {@link com.logprocessor.bench.routing.RoutingBenchmark} measures core's
 * {@link com.logprocessor.core.ring.Ring} against the seed's
 * {@link com.logprocessor.bench.baseline.TreeMapRing} with the same hash and 150 vnodes per node.
 * {@link com.logprocessor.bench.routing.HashBenchmark} and
 * {@link com.logprocessor.bench.routing.Murmur3Candidate} are evidence for a proposed faster
 * {@link com.logprocessor.core.token.Token#hash} that gives the same tokens; no service uses it.
 */
package com.logprocessor.bench.routing;
