/**
 * The baseline of the routing benchmark: the Day 24 seed's ring rebuilt as
 * {@link com.logprocessor.bench.baseline.TreeMapRing}, a {@code TreeMap} from virtual-node token to
 * node. It hashes keys with the same {@link com.logprocessor.core.token.Token#hash} and applies the
 * same ownership rule as {@link com.logprocessor.core.ring.Ring}, so a comparison measures only the
 * data structure.
 */
package com.logprocessor.bench.baseline;
