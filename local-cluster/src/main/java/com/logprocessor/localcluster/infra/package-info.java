/**
 * The local cluster's infrastructure, each with its data in the run folder: PostgreSQL 16 from zonky's
 * binaries with durability on ({@link com.logprocessor.localcluster.infra.PostgresServer}), Redis with
 * an append-only file so ring tokens and membership survive a restart
 * ({@link com.logprocessor.localcluster.infra.RedisServer}), Kafka in its own JVM
 * ({@link com.logprocessor.localcluster.infra.KafkaServer}), and Prometheus when its binary is
 * installed ({@link com.logprocessor.localcluster.infra.PrometheusServer}). Each gives its command line
 * and says when it is ready; binaries shipped in Maven artifacts are unpacked once per machine.
 */
package com.logprocessor.localcluster.infra;
