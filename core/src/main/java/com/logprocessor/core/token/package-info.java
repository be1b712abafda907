/**
 * Positions on the ring: a {@link com.logprocessor.core.token.Token} is the unsigned 32-bit Murmur3
 * hash (Guava's {@code murmur3_32_fixed}) of a key's UTF-8 bytes, held in a {@code long} so ordering
 * and arithmetic stay unsigned. The token space is {@code [0, 2^32)}, as in the seeds.
 */
package com.logprocessor.core.token;
