/**
 * The log entry every service shares ({@link com.logprocessor.core.entry.LogEntry}): its fields, its
 * ring key (the client's partition id, else the source IP, else the service) and its placement (a
 * sequence and a Lamport version, set by the coordinator).
 * {@link com.logprocessor.core.entry.LogEntryRules} checks the design's rules in one place and reports
 * every broken one as a {@link com.logprocessor.core.entry.Violation}, so an entry the gateway accepts
 * is never refused by a storage node. {@link com.logprocessor.core.entry.LogEntryCodec} is the internal
 * binary wire format between services; JSON stays the format of every public API.
 */
package com.logprocessor.core.entry;
