package com.logprocessor.storage.segment;

import com.logprocessor.core.merkle.Segments;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records {@code segment.size} in the database on first start and refuses to start with another
 * one: the stored digests were computed with the recorded size, and every digest, segment range and
 * Merkle tree served would silently be wrong under a different one.
 */
@Component
class SegmentSizeGuard implements InitializingBean {

    static final String SETTING = "segment.size";

    private final JdbcTemplate jdbc;
    private final Segments segments;

    SegmentSizeGuard(JdbcTemplate jdbc, Segments segments) {
        this.jdbc = jdbc;
        this.segments = segments;
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.update("INSERT INTO node_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                SETTING, Integer.toString(segments.size()));
        String recorded = jdbc.queryForObject("SELECT value FROM node_settings WHERE name = ?", String.class, SETTING);
        if (!Integer.toString(segments.size()).equals(recorded)) {
            throw new IllegalStateException("segment.size is " + segments.size() + " but this node's database was"
                    + " built with segment.size=" + recorded + "; its segment digests depend on it. Start with"
                    + " segment.size=" + recorded + " (all replicas must agree) or use a new database.");
        }
    }
}
