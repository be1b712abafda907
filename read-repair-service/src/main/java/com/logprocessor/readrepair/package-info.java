/**
 * The read-repair service (design: "Read path"): takes the requests coordinators publish on
 * {@code read-repairs} when a read finds a stale replica ({@code intake}, which also collapses
 * duplicates), re-reads the entry's UP replicas and writes the newest copy to the stale ones
 * ({@code repair}), and reports what it did ({@code metrics}, {@code status}).
 */
package com.logprocessor.readrepair;
