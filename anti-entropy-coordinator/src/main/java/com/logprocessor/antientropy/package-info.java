/**
 * The anti-entropy coordinator: plans repair jobs over every token range ({@code planning}), keeps
 * them in PostgreSQL and lets workers in any number of instances claim them ({@code jobs}), and
 * runs them: compare replicas partition by partition, then segment by segment, and write the
 * winning copies to the stale replicas ({@code repair}).
 */
package com.logprocessor.antientropy;
