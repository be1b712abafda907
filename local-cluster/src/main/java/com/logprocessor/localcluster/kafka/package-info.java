/**
 * The local cluster's Kafka JVM: {@link com.logprocessor.localcluster.kafka.KafkaBrokerMain} runs a real
 * Kafka server in KRaft combined mode (one node that is both broker and controller) on 127.0.0.1,
 * formatting its data folder once. It is launched by
 * {@link com.logprocessor.localcluster.infra.KafkaServer}.
 */
package com.logprocessor.localcluster.kafka;
