package com.logprocessor.merkle.node;

/**
 * A storage node a request named, by id or by URL: where to read its digests, and its id when it
 * is a member of the ring (null for a URL no member serves on).
 */
public record ResolvedNode(String id, String url) {

    /** How messages name it: its id when known, else its URL. */
    public String label() {
        return id != null ? id : url;
    }
}
