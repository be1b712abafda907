/**
 * The storage node: stores entries in its own PostgreSQL database ({@code store}) with a digest per
 * segment of each partition ({@code segment}), serves reads and queries ({@code query}) and what
 * anti-entropy, the Merkle tree service and the coordinator read to compare replicas ({@code repair}),
 * and heartbeats into Redis as a ring member ({@code membership}).
 * {@link com.logprocessor.storage.StorageConfiguration} holds the wiring no single feature owns: every
 * feature's settings, the scheduler, and the message converters and body size cap of the storage API.
 */
package com.logprocessor.storage;
