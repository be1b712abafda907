package com.logprocessor.support.kafka;

/** Kafka record headers on {@code logs.ingest}, shared by the gateway and the coordinator. */
public final class IngestHeaders {

    /** The consistency level a client asked for (ONE, QUORUM, ALL); absent means the default. */
    public static final String CONSISTENCY = "consistency";

    private IngestHeaders() {
    }
}
