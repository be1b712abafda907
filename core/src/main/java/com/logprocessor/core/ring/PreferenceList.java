package com.logprocessor.core.ring;

import java.util.List;

/**
 * The replicas of a key, in ring order: the first is the primary (the owner of the key's range),
 * the others are the next distinct physical nodes clockwise. Holds fewer than RF nodes only when
 * the ring has fewer than RF nodes. No bean-style accessors beyond the component, so it maps to
 * JSON as {@code {"replicas": [...]}}.
 */
public record PreferenceList(List<String> replicas) {

    public static final PreferenceList EMPTY = new PreferenceList(List.of());

    public PreferenceList {
        replicas = List.copyOf(replicas);
    }

    /** The owner of the key's range, or {@code null} on an empty ring. */
    public String primary() {
        return replicas.isEmpty() ? null : replicas.get(0);
    }

    public int size() {
        return replicas.size();
    }

    public boolean contains(String nodeId) {
        return replicas.contains(nodeId);
    }
}
