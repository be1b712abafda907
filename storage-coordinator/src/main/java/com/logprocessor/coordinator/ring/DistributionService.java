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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * How logs are spread over the UP storage nodes, as the seed's distribution endpoint shows it: per
 * node the logs it owns as primary (the first replica of their key on the ring of UP nodes) and
 * the copies it stores, both from the node's own partition listing ({@code GET
 * /api/storage/partitions}: every partition key it holds with its entry count), so the primary
 * figure counts what the node really holds, not what it should. A node that does not answer in
 * time keeps its last known figures. The balance score (over primary ownership) is also the gauge
 * {@code storage_distribution_balance_score}, refreshed every {@code
 * coordinator.distribution.refresh-interval}.
 *
 * <p>A listing costs O(partitions) on the node (about 1.2 s of PostgreSQL at 140 k partitions), so
 * a node's listing is read again only when its figures can have changed: when its stored-entry
 * count ({@code GET /api/storage/count}, one sum over the digests) or the ring of UP nodes differs
 * from the last listing's. An idle cluster then costs its nodes one count per refresh.
 */
public class DistributionService implements SchedulingConfigurer {

    private static final Duration LISTING_DEADLINE = Duration.ofSeconds(5);
    private static final int PAGE = 10_000;
    private static final Duration FIRST_REFRESH = Duration.ofSeconds(5);

    /** One node's figures: logs it owns as primary, entries it stores. */
    private record Held(long primary, long stored) {
    }

    /** A node's figures with what they were computed from: its stored-entry count and the ring's tokens. */
    private record Listed(long count, Map<String, List<Long>> ringTokens, Held held) {
    }

    private final RingView ringView;
    private final StorageNodeClient client;
    private final MembershipProperties membership;
    private final DistributionProperties properties;
    private final Clock clock;
    private final Map<String, Held> lastKnown = new ConcurrentHashMap<>();
    private final Map<String, Listed> lastListed = new ConcurrentHashMap<>();
    private final AtomicReference<DistributionStats> latest = new AtomicReference<>();

    public DistributionService(RingView ringView, StorageNodeClient client, MembershipProperties membership,
                               DistributionProperties properties, MeterRegistry meters, Clock clock) {
        this.properties = properties;
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
        Map<String, List<Long>> tokens = ring.tokensByNode();
        Map<String, Answer<Held>> answers = NodeFanOut.call(snapshot,
                snapshot.up().stream().map(Member::nodeId).toList(),
                (node, url) -> heldUnlessUnchanged(url, node, ring, tokens), clock, LISTING_DEADLINE);
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

    /** The figures of the last refresh (at most one refresh interval old), without asking the nodes; empty before the first. */
    public Optional<DistributionStats> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** The node's figures: its last listing's while its count and the ring's {@code tokens} are as they were then. */
    private CompletableFuture<Held> heldUnlessUnchanged(String url, String node, Ring ring,
                                                        Map<String, List<Long>> tokens) {
        // The count is taken before the listing: a write between the two makes the next count
        // differ, so the next refresh lists again rather than keeping figures older than the count.
        return client.count(url).thenCompose(count -> {
            Listed last = lastListed.get(node);
            if (last != null && last.count() == count.count() && last.ringTokens().equals(tokens)) {
                return CompletableFuture.completedFuture(last.held());
            }
            return held(url, node, ring, null, new long[2]).thenApply(held -> {
                lastListed.put(node, new Listed(count.count(), tokens, held));
                return held;
            });
        });
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

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::current, properties.refreshInterval(), FIRST_REFRESH));
    }
}
