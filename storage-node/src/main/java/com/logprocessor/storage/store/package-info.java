/**
 * The write path: {@link com.logprocessor.storage.store.StoreService} validates store requests
 * ({@code POST /api/storage/store}, {@code /store/batch}), a batch all or nothing, and
 * {@link com.logprocessor.storage.store.EntryWriter} applies it in one transaction with a fixed number
 * of set-based statements (a binary {@code COPY} on the hot path). A stored copy is replaced only by a
 * strictly newer version, or in a repair by other content with an equal one. Segment digests stay exact
 * because each key is created by one insert, rows change only under the partition's exclusive advisory
 * lock ({@link com.logprocessor.storage.store.PartitionLocks}), and digest changes are commuting deltas
 * appended to the {@link com.logprocessor.storage.store.DigestJournal} and folded in periodically.
 */
package com.logprocessor.storage.store;
