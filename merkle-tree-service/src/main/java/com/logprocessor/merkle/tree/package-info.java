/** Trees from segment digests, cached in Redis by digest fingerprint: {@code POST /api/merkle/build}; {@code merkle.*} settings. */
package com.logprocessor.merkle.tree;
