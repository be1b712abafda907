package com.logprocessor.it.deploy;

import java.util.Set;
import java.util.TreeSet;

/**
 * The Prometheus metric names the services export (DESIGN.md "Metrics" and the services' meters).
 * Dashboards may query only these: renaming a meter without updating the dashboards breaks
 * {@link GrafanaDashboardsTest}. When a service gains a metric a dashboard should show, add it here.
 */
final class MetricCatalog {

    /** Timers: Micrometer exports _count, _sum and _max, percentiles as {quantile=…}, histograms as _bucket. */
    private static final Set<String> TIMERS = Set.of(
            // api-gateway
            "http_server_requests_seconds",
            "gateway_publish_seconds",
            // storage-coordinator
            "coordinator_write_seconds",
            "coordinator_replica_write_seconds",
            "coordinator_batch_seconds",
            "coordinator_batch_queued_seconds",
            "resilience4j_circuitbreaker_calls_seconds",
            // every service watching the ring
            "ring_event_propagation_seconds",
            "ring_failure_detection_seconds",
            // storage-node
            "storage_node_write_seconds",
            // hint-manager
            "hint_replay_batch_seconds",
            // read-repair-service
            "read_repair_seconds",
            // merkle-tree-service
            "merkle_tree_build_seconds",
            // anti-entropy-coordinator (no percentiles: _count, _sum, _max)
            "anti_entropy_cycle_seconds",
            // JVM
            "jvm_gc_pause_seconds");

    private static final Set<String> COUNTERS = Set.of(
            "logs_ingested_total",
            "logs_routed_total",
            "coordinator_writes_total",
            "logs_dlq_total",
            "hints_sent_total",
            "hints_stored_total",
            "hints_rejected_total",
            "read_repairs_triggered_total",
            "storage_node_entries_total",
            "storage_node_digest_mismatches_total",
            "storage_node_entry_hash_mismatches_total",
            "storage_node_write_careful_total",
            "storage_node_digest_folds_total",
            "hints_replayed_total",
            "hints_expired_total",
            "hints_failed_total",
            "hints_dropped_total",
            "gateway_requests_shed_total",
            "coordinator_holds_total",
            "read_repairs_completed_total",
            "read_repairs_failed_total",
            "merkle_tree_comparisons_total",
            "merkle_tree_differences_total",
            "reconciliation_jobs_completed_total",
            // anti-entropy-coordinator
            "reconciliation_jobs_failed_total",
            "anti_entropy_cycles_skipped_total",
            "anti_entropy_entries_repaired_total",
            "anti_entropy_inconsistencies_detected_total",
            "anti_entropy_partitions_compared_total",
            "anti_entropy_segments_differing_total");

    private static final Set<String> GAUGES = Set.of(
            "storage_distribution_balance_score",
            "resilience4j_circuitbreaker_state",
            "ring_members",
            "kafka_consumer_fetch_manager_records_lag_max",
            "coordinator_ingest_lag",
            "coordinator_partitions_held",
            "storage_node_log_count",
            "hints_pending",
            "gateway_ingest_in_flight_requests",
            "gateway_ingest_in_flight_bytes",
            "anti_entropy_jobs",
            "jvm_memory_used_bytes",
            "jvm_memory_committed_bytes",
            "jvm_memory_max_bytes",
            "jvm_threads_live_threads",
            "process_cpu_usage",
            "system_cpu_usage",
            "process_uptime_seconds",
            // Prometheus' own per-target series.
            "up");

    /** Every series name a query may use. */
    static final Set<String> SERIES = series();

    private MetricCatalog() {
    }

    private static Set<String> series() {
        Set<String> all = new TreeSet<>(COUNTERS);
        all.addAll(GAUGES);
        for (String timer : TIMERS) {
            for (String suffix : new String[] {"", "_count", "_sum", "_max", "_bucket"}) {
                all.add(timer + suffix);
            }
        }
        return Set.copyOf(all);
    }

    /** The names DESIGN.md promises (section "Metrics"): each must be on some dashboard. */
    static final Set<String> DESIGN_PROMISES = Set.of(
            "logs_ingested_total",
            "logs_routed_total",
            "storage_node_log_count",
            "storage_distribution_balance_score",
            "reconciliation_jobs_completed_total",
            "read_repairs_triggered_total",
            "hints_pending",
            "merkle_tree_comparisons_total");
}
