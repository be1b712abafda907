/**
 * The node's place in the ring: who it is
 * ({@link com.logprocessor.storage.membership.StorageNodeProperties}, {@code storage.node.*}: its id
 * and the URL other services reach it at), and its registration through the shared
 * {@link com.logprocessor.support.membership.RingLifecycler}, which takes its tokens, heartbeats into
 * Redis and leaves on graceful shutdown. Registration is off with
 * {@code ring.membership.enabled=false}.
 */
package com.logprocessor.storage.membership;
