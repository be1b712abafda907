package com.logprocessor.core.membership;

import java.time.Instant;

/**
 * A membership change announced to every service at once (the poll is only a safety net).
 * JOIN: a node registered or came back. LEAVE: a node deregistered on graceful shutdown.
 * FORGET: an operator removed a dead node's tokens for good.
 */
public record RingEvent(Type type, String nodeId, Instant at) {

    public enum Type {
        JOIN,
        LEAVE,
        FORGET
    }
}
