package com.logprocessor.antientropy.repair;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageNodeClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Nodes' partition listing pages, shared by the jobs of one cycle. A cycle is one job per member,
 * and each job merges every node's whole listing to keep the partitions whose first replica is its
 * member: without sharing, a cycle of three members lists every node three times (on nodes of
 * 250,000 partitions, 25 pages of about 0.1 s of PostgreSQL each, and the parsing here). The jobs
 * of a cycle start together and page in the same key order, so the first to ask for a page fetches
 * it and the others take the same answer.
 *
 * <p>Only jobs of the same cycle share, so a job of a later cycle (an operator's trigger after
 * damage) or a job planned alone always reads the nodes afresh. At most
 * {@code anti-entropy.repair.shared-pages} pages are kept, each for at most a minute: a job that
 * falls further behind fetches its pages itself.
 */
@Component
class ListingPages {

    private record Key(long cycle, String nodeUrl, String after, int limit) {
    }

    private final StorageNodeClient client;
    private final Cache<Key, CompletableFuture<PartitionPage>> pages;

    ListingPages(StorageNodeClient client, RepairProperties properties) {
        this.client = client;
        this.pages = CacheBuilder.newBuilder()
                .maximumSize(properties.sharedPages())
                .expireAfterWrite(Duration.ofMinutes(1))
                .build();
    }

    /** How a job of {@code cycle} (null: a job planned alone, which shares nothing) reads a node's pages. */
    Function<String, CompletableFuture<PartitionPage>> of(Long cycle, String nodeUrl, int limit) {
        if (cycle == null) {
            return after -> client.partitions(nodeUrl, after, limit);
        }
        return after -> {
            Key key = new Key(cycle, nodeUrl, after, limit);
            CompletableFuture<PartitionPage> page =
                    pages.asMap().computeIfAbsent(key, k -> client.partitions(nodeUrl, after, limit));
            // A failed fetch is not shared: the next job to ask tries again.
            page.whenComplete((ok, error) -> {
                if (error != null) {
                    pages.asMap().remove(key, page);
                }
            });
            return page;
        };
    }
}
