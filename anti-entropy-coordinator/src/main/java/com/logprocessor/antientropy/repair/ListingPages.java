package com.logprocessor.antientropy.repair;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageNodeClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Nodes' partition listing pages, shared by the jobs that read them at about the same time. A
 * cycle is one job per member, and each job merges every node's whole listing to keep the
 * partitions whose first replica is its member; the NODE jobs of nodes that come back together (a
 * cluster restart) each merge every listing too. Without sharing, three such jobs list every node
 * three times (on nodes of 250,000 partitions, 25 pages of about 0.1 s of PostgreSQL each, and the
 * parsing here). Jobs that run together page in the same key order, so the first to ask for a page
 * fetches it and the others take the same answer.
 *
 * <p>A job takes only pages whose fetch started after the job started: whatever made it (damage, a
 * node that came back, an operator's trigger) happened before it was planned, so every page it
 * reads still shows the nodes as they were after that. At most
 * {@code anti-entropy.repair.shared-pages} pages are kept, each for at most a minute: a job that
 * falls further behind fetches its pages itself.
 */
@Component
class ListingPages {

    private record Key(String nodeUrl, String after, int limit) {
    }

    /** A page being fetched or fetched, and when (this process's {@code System.nanoTime}) the fetch started. */
    private record Fetch(long startedNanos, CompletableFuture<PartitionPage> page) {
    }

    private final StorageNodeClient client;
    private final Cache<Key, Fetch> pages;
    private final LongSupplier nanoTime;

    @Autowired
    ListingPages(StorageNodeClient client, RepairProperties properties) {
        this(client, properties, System::nanoTime);
    }

    ListingPages(StorageNodeClient client, RepairProperties properties, LongSupplier nanoTime) {
        this.client = client;
        this.nanoTime = nanoTime;
        this.pages = CacheBuilder.newBuilder()
                .maximumSize(properties.sharedPages())
                .expireAfterWrite(Duration.ofMinutes(1))
                .build();
    }

    /** Now, on the clock that orders jobs' starts and pages' fetches. */
    long now() {
        return nanoTime.getAsLong();
    }

    /** How a job that started at {@code jobStartedNanos} ({@link #now()}) reads a node's pages. */
    Function<String, CompletableFuture<PartitionPage>> of(long jobStartedNanos, String nodeUrl, int limit) {
        return after -> {
            // A failed fetch is not shared: the next job to ask replaces it with its own.
            return pages.asMap().compute(new Key(nodeUrl, after, limit), (k, shared) ->
                    shared != null && shared.startedNanos() - jobStartedNanos >= 0 && !shared.page().isCompletedExceptionally()
                            ? shared
                            : new Fetch(now(), client.partitions(nodeUrl, after, limit))).page();
        };
    }
}
