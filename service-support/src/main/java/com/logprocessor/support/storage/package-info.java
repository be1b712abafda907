/**
 * Calling storage nodes: {@link com.logprocessor.support.storage.StorageNodeClient} (non-blocking HTTP,
 * entries in the internal wire format), the REST bodies it shares with the node
 * ({@link com.logprocessor.support.storage.StorageApi}) and the converters the node reads and writes
 * that format with, asking several nodes at once ({@link com.logprocessor.support.storage.NodeFanOut}),
 * and the I/O of repairing one entry ({@link com.logprocessor.support.storage.EntryRepair}). Every
 * error is a {@link com.logprocessor.support.storage.StorageNodeException} that says whether a retry
 * may help. A node never replaces a stored copy with an older version, so a repair that races a newer
 * write cannot undo it.
 */
package com.logprocessor.support.storage;
