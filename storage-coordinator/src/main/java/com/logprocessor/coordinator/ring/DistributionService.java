package com.logprocessor.coordinator.ring;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.ring.DistributionStats;
import com.logprocessor.support.membership.MembershipProperties;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.NodeFanOut;
import com.logprocessor.support.storage.NodeFanOut.Answer;
import com.logprocessor.support.storage.StorageApi.CountResponse;
import com.logprocessor.support.storage.StorageNodeClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * How entries are spread over the UP storage nodes, from each node's own count
 * ({@code GET /api/storage/count}), as the seed's distribution endpoint shows it. A node that does
 * not answer in time keeps its last known count. The balance score is also the gauge
 * {@code storage_distribution_balance_score}, refreshed every 15 s.
 */
public class DistributionService {

    private static final Duration COUNT_DEADLINE = Duration.ofSeconds(2);

    private final RingView ringView;
    private final StorageNodeClient client;
    private final MembershipProperties membership;
    private final Clock clock;
    private final Map<String, Long> lastKnown = new ConcurrentHashMap<>();
    private final AtomicReference<DistributionStats> latest = new AtomicReference<>();

    public DistributionService(RingView ringView, StorageNodeClient client, MembershipProperties membership,
                               MeterRegistry meters, Clock clock) {
        this.ringView = ringView;
        this.clock = clock;
        this.client = client;
        this.membership = membership;
        Gauge.builder("storage.distribution.balance.score",
                        () -> latest.get() == null ? Double.NaN : latest.get().balanceScore())
                .description("100 - coefficient of variation (%) of entries per UP storage node")
                .register(meters);
    }

    public DistributionStats current() {
        MembershipSnapshot snapshot = ringView.snapshot();
        Map<String, Answer<CountResponse>> answers = NodeFanOut.call(snapshot,
                snapshot.up().stream().map(Member::nodeId).toList(), (node, url) -> client.count(url), clock,
                COUNT_DEADLINE);
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach((node, answer) -> {
            if (answer.ok()) {
                lastKnown.put(node, answer.value().count());
            }
            counts.put(node, lastKnown.getOrDefault(node, 0L));
        });
        DistributionStats stats = DistributionStats.of(counts, membership.vnodes());
        latest.set(stats);
        return stats;
    }

    @Scheduled(fixedDelay = 15, initialDelay = 5, timeUnit = TimeUnit.SECONDS)
    void refresh() {
        current();
    }
}
