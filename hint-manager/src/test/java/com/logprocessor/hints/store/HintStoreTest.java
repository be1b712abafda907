package com.logprocessor.hints.store;

import static com.logprocessor.hints.testing.Hints.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.hints.testing.HandoffTestSupport;
import com.logprocessor.hints.testing.Hints;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hint table's statements against PostgreSQL. Nodes here are never in the ring, so the
 * context's replayer leaves their hints alone.
 */
class HintStoreTest extends HandoffTestSupport {

    static final Duration EXPIRY = Duration.ofHours(3);

    @Autowired
    HintStore store;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aStoredHintIsReplacedOnlyByANewerVersionOfItsEntry() {
        String node = node("store-versions");
        UUID id = UUID.randomUUID();
        assertThat(store.upsert(List.of(hint(node, id, 5, "b")), EXPIRY).insertedByNode()).isEqualTo(Map.of(node, 1));

        assertThat(store.upsert(List.of(hint(node, id, 4, "z")), EXPIRY)).isEqualTo(new HintStore.Upserted(Map.of(), 0));
        assertThat(store.upsert(List.of(hint(node, id, 5, "a")), EXPIRY)).isEqualTo(new HintStore.Upserted(Map.of(), 0));
        assertThat(store.upsert(List.of(hint(node, id, 5, "b")), EXPIRY)).isEqualTo(new HintStore.Upserted(Map.of(), 0));
        assertThat(version(node, id)).isEqualTo("5@b");

        assertThat(store.upsert(List.of(hint(node, id, 5, "c")), EXPIRY)).isEqualTo(new HintStore.Upserted(Map.of(), 1));
        assertThat(version(node, id)).isEqualTo("5@c");
        // Writer ids compare byte-wise, as LamportVersion compares them ("D" < "c"), whatever the
        // database's collation says (en_US puts "c" first).
        assertThat("D".compareTo("c")).isNegative();
        assertThat(store.upsert(List.of(hint(node, id, 5, "D")), EXPIRY).replaced()).isZero();
        assertThat(version(node, id)).isEqualTo("5@c");
        assertThat(store.upsert(List.of(hint(node, id, 6, "a")), EXPIRY).replaced()).isEqualTo(1);
        assertThat(version(node, id)).isEqualTo("6@a");
        assertThat(rows(node)).isEqualTo(1);
    }

    @Test
    void theSameEntryForTwoNodesIsTwoHints() {
        String a = node("store-a");
        String b = node("store-b");
        UUID id = UUID.randomUUID();
        HintStore.Upserted result = store.upsert(List.of(hint(a, id, 1, "w"), hint(b, id, 1, "w")), EXPIRY);
        assertThat(result.insertedByNode()).isEqualTo(Map.of(a, 1, b, 1));
    }

    @Test
    void aClaimTakesDueUnexpiredHintsOldestFirstAndSkipsWhatAnotherTransactionHolds() throws Exception {
        String node = node("store-claim");
        List<NewHint> hints = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hints.add(hint(node, UUID.randomUUID(), 1, "w"));
        }
        store.upsert(hints, EXPIRY);
        List<UUID> inOrder = hints.stream().map(NewHint::entryId).toList();

        TransactionTemplate tx = new TransactionTemplate(transactions);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<List<UUID>> first = CompletableFuture.supplyAsync(() -> tx.execute(s -> {
            List<UUID> ids = store.claimDue(node, 4).stream().map(ClaimedHint::entryId).toList();
            claimed.countDown();
            await(release);
            return ids;
        }));
        assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
        List<UUID> second = tx.execute(s -> store.claimDue(node, 100).stream().map(ClaimedHint::entryId).toList());
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(inOrder.subList(0, 4));
        assertThat(second).isEqualTo(inOrder.subList(4, 10));
    }

    @Test
    void expiredAndBackingOffHintsAreNotClaimed() {
        String node = node("store-not-due");
        NewHint expired = new NewHint(node, UUID.randomUUID(), "k", 1, 1, "w", bytes(),
                System.currentTimeMillis() - Duration.ofHours(4).toMillis());
        NewHint fresh = hint(node, UUID.randomUUID(), 1, "w");
        NewHint backingOff = hint(node, UUID.randomUUID(), 1, "w");
        TransactionTemplate tx = new TransactionTemplate(transactions);
        // One transaction, so the expiry sweep cannot delete the expired hint before the claim looks.
        List<UUID> claimable = tx.execute(s -> {
            store.upsert(List.of(expired, fresh, backingOff), EXPIRY);
            long backingOffId = jdbc.queryForObject("SELECT id FROM hints WHERE entry_id = ?", Long.class,
                    backingOff.entryId());
            store.recordFailure(List.of(backingOffId), 3, Duration.ofMinutes(1), Duration.ofMinutes(1));
            return store.claimDue(node, 10).stream().map(ClaimedHint::entryId).toList();
        });
        assertThat(claimable).containsExactly(fresh.entryId());
    }

    @Test
    void aFailedAttemptBacksOffExponentiallyAndTheLastOneDeletes() {
        String node = node("store-fail");
        NewHint h = hint(node, UUID.randomUUID(), 1, "w");
        store.upsert(List.of(h), EXPIRY);
        long id = jdbc.queryForObject("SELECT id FROM hints WHERE entry_id = ?", Long.class, h.entryId());
        Duration first = Duration.ofSeconds(10);
        Duration max = Duration.ofSeconds(25);

        assertThat(store.recordFailure(List.of(id), 4, first, max)).isEqualTo(new FailedAttempt(0, 1, 1));
        assertThat(waitSeconds(id)).isBetween(9.0, 10.5);
        assertThat(store.recordFailure(List.of(id), 4, first, max)).isEqualTo(new FailedAttempt(0, 1, 2));
        assertThat(waitSeconds(id)).isBetween(19.0, 20.5);
        assertThat(store.recordFailure(List.of(id), 4, first, max)).isEqualTo(new FailedAttempt(0, 1, 3));
        assertThat(waitSeconds(id)).as("capped").isBetween(24.0, 25.5);
        assertThat(store.recordFailure(List.of(id), 4, first, max)).isEqualTo(new FailedAttempt(1, 0, 0));
        assertThat(rows(node)).isZero();
    }

    @Test
    void deleteRemovesExactlyTheGivenRowsAndPendingCountsPerNode() {
        String node = node("store-delete");
        List<NewHint> hints = List.of(hint(node, UUID.randomUUID(), 1, "w"), hint(node, UUID.randomUUID(), 1, "w"),
                hint(node, UUID.randomUUID(), 1, "w"));
        store.upsert(hints, EXPIRY);
        List<Long> ids = jdbc.queryForList("SELECT id FROM hints WHERE target_node = ? ORDER BY id", Long.class, node);
        assertThat(store.pending()).filteredOn(p -> p.node().equals(node)).singleElement()
                .satisfies(p -> assertThat(p.pending()).isEqualTo(3));
        assertThat(store.delete(ids.subList(0, 2))).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT id FROM hints WHERE target_node = ?", Long.class, node))
                .containsExactly(ids.get(2));
    }

    private String version(String node, UUID id) {
        return jdbc.queryForObject("SELECT version_counter || '@' || version_writer FROM hints "
                + "WHERE target_node = ? AND entry_id = ?", String.class, node, id);
    }

    private double waitSeconds(long id) {
        return jdbc.queryForObject("SELECT extract(epoch FROM next_attempt_at - now())::float8 FROM hints WHERE id = ?",
                Double.class, id);
    }

    private static NewHint hint(String node, UUID id, long counter, String writer) {
        LogEntry e = Hints.entry(id, "store-key", 1, counter, writer);
        return new NewHint(node, id, e.partitionKey(), e.sequence(), counter, writer, Hints.encode(e),
                System.currentTimeMillis());
    }

    private static byte[] bytes() {
        return Hints.encode(Hints.entry("k", 1));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
