/**
 * Hints in: the {@code logs.hints} topic (written by coordinators, see {@code HintRecords}) read in
 * batches by the {@code hint-manager} consumer group and stored in PostgreSQL, one statement per
 * batch; offsets are committed only after the rows are, so a crash re-reads and never loses.
 */
package com.logprocessor.hints.intake;
