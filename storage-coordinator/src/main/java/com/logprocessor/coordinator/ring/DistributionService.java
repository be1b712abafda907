package com.logprocessor.coordinator.ring;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.ring.DistributionStats;
import com.logprocessor.support.membership.MembershipProperties;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.NodeFanOut;
import com.logprocessor.support.storage.NodeFanOut.Answer;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.support.storage.StorageApi.PartitionSummary;
import com.logprocessor.support.storage.StorageNodeClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * How logs are spread over the UP storage nodes, as the seed's distribution endpoint shows it: per
 * node the logs it owns as primary (the first replica of their key on the ring of UP nodes) and
 * the copies it stores, both from the node's own partition listing ({@code GET
 * /api/storage/partitions}: every partition key it holds with its entry count), so the primary
 * figure counts what the node really holds, not what it should. A node that does not answer in
 * time keeps its last known figures. The balance score (over primary ownership) is also the gauge
 * {@code storage_distribution_balance_score}, refreshed every 15 s.
 */
public class DistributionService {

    private static final Duration LISTING_DEADLINE = Duration.ofSeconds(5);
    private static final int PAGE = 10_000;

    /** One node's figures: logs it owns as primary, entries it stores. */
    private record Held(long primary, long stored) {
    }

    private final RingView ringView;
    private final StorageNodeClient client;
    private final MembershipProperties membership;
    private final Clock clock;
    private final Map<String, Held> lastKnown = new ConcurrentHashMap<>();
    private final AtomicReference<DistributionStats> latest = new AtomicReference<>();

    public DistributionService(RingView ringView, StorageNodeClient client, MembershipProperties membership,
                               MeterRegistry meters, Clock clock) {
        this.ringView = ringView;
        this.clock = clock;
        this.client = client;
        this.membership = membership;
        Gauge.builder("storage.distribution.balance.score",
                        () -> latest.get() == null ? Double.NaN : latest.get().balanceScore())
                .description("100 - coefficient of variation (%) of the logs each UP storage node owns as primary")
                .register(meters);
    }

    public DistributionStats current() {
        MembershipSnapshot snapshot = ringView.snapshot();
        Ring ring = snapshot.ring();
        Map<String, Answer<Held>> answers = NodeFanOut.call(snapshot,
                snapshot.up().stream().map(Member::nodeId).toList(),
                (node, url) -> held(url, node, ring, null, new long[2]), clock, LISTING_DEADLINE);
        Map<String, Long> primary = new TreeMap<>();
        Map<String, Long> stored = new TreeMap<>();
        answers.forEach((node, answer) -> {
            if (answer.ok()) {
                lastKnown.put(node, answer.value());
            }
            Held held = lastKnown.getOrDefault(node, new Held(0, 0));
            primary.put(node, held.primary());
            stored.put(node, held.stored());
        });
        DistributionStats stats = DistributionStats.of(primary, stored, membership.vnodes());
        latest.set(stats);
        return stats;
    }

    /** The figures of the last refresh (at most 15 s old), without asking the nodes; empty before the first. */
    public Optional<DistributionStats> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** Sums the node's listing page by page: {@code sums[0]} primary-owned logs, {@code sums[1]} stored entries. */
    private CompletableFuture<Held> held(String url, String node, Ring ring, String after, long[] sums) {
        return client.partitions(url, after, PAGE).thenCompose(page -> {
            for (PartitionSummary p : page.partitions()) {
                sums[1] += p.count();
                if (node.equals(ring.ownerOf(p.partitionKey()))) {
                    sums[0] += p.count();
                }
            }
            return page.next() == null ? CompletableFuture.completedFuture(new Held(sums[0], sums[1]))
                    : held(url, node, ring, page.next(), sums);
        });
    }

    @Scheduled(fixedDelay = 15, initialDelay = 5, timeUnit = TimeUnit.SECONDS)
    void refresh() {
        current();
    }
}
