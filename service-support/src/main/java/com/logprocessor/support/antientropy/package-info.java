/**
 * Asking the anti-entropy coordinator for a repair ({@code POST /api/coordinator/trigger}) from a
 * service that knows a replica lost writes: the hint-manager when hints expire or are given up, a
 * storage node when its digest verification finds digests that did not match its entries. Also
 * the coordinator's jobs API types ({@link com.logprocessor.support.antientropy.RepairJob} and its
 * parts), shared by the coordinator that serves them and the services that show them.
 */
package com.logprocessor.support.antientropy;
