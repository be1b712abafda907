package com.logprocessor.core.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a credential may do. An API key has one of {@link #INGEST}, {@link #READ} or {@link #ADMIN};
 * {@link #INTERNAL} belongs to the cluster's internal token only, which the services send each
 * other. Roles nest: an admin may also read and ingest, and the internal token may do everything,
 * so an endpoint names the least role it needs.
 */
public enum Role {
    /** Writes logs: {@code POST /api/logs}, {@code /api/logs/batch}, {@code /api/write}. */
    INGEST,
    /** Reads logs and the cluster's state (ring, jobs, hints, stats). */
    READ,
    /** Changes the cluster: Forget a node, trigger anti-entropy, replay dead letters; implies READ and INGEST. */
    ADMIN,
    /** Service to service: every internal API (storage nodes, coordinator internals); implies every role. */
    INTERNAL;

    /** This role and every role it implies. */
    public Set<Role> grants() {
        return switch (this) {
            case INGEST -> EnumSet.of(INGEST);
            case READ -> EnumSet.of(READ);
            case ADMIN -> EnumSet.of(ADMIN, READ, INGEST);
            case INTERNAL -> EnumSet.allOf(Role.class);
        };
    }

    /** The role an API key may have, by its lower-case name ({@code ingest}, {@code read}, {@code admin}). */
    public static Role ofApiKey(String name) {
        for (Role role : values()) {
            if (role != INTERNAL && role.name().toLowerCase(Locale.ROOT).equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("an API key's role is ingest, read or admin, not '" + name + "'");
    }

    /** The lower-case name, as keys files and configuration spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
