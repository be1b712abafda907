package com.logprocessor.support.antientropy;

/** What a job compares; its subject is a node id or, for {@link #PARTITION}, a partition key. */
public enum JobKind {
    /** The token ranges whose first replica is the subject node: a cycle has one per member, covering the ring once. */
    PRIMARY_RANGES,
    /** Every range the subject node replicates: a node that joined or came back is filled this way. */
    NODE,
    /** One partition key, on all of its replicas. */
    PARTITION
}
