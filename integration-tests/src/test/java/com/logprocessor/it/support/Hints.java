package com.logprocessor.it.support;

import tools.jackson.databind.JsonNode;

/** The hint manager's view of the backlog. */
public final class Hints {

    private Hints() {
    }

    /** Hints waiting for a node ({@code GET /api/hints/pending}); 0 when it has none. */
    public static long pending(String node) {
        return pending(TestCluster.hintManagerUrl(), node);
    }

    /** As {@link #pending(String)}, asking the hint manager at {@code hintManagerUrl}. */
    public static long pending(String hintManagerUrl, String node) {
        JsonNode pending = Http.getJson(hintManagerUrl + "/api/hints/pending");
        for (JsonNode n : pending.get("nodes")) {
            if (n.get("node").asString().equals(node)) {
                return n.get("pending").asLong();
            }
        }
        return 0;
    }

    /** The hint manager's counters ({@code GET /api/hints/stats}). */
    public static JsonNode stats() {
        return Http.getJson(TestCluster.hintManagerUrl() + "/api/hints/stats");
    }
}
