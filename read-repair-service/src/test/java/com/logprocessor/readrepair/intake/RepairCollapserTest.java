package com.logprocessor.readrepair.intake;

import static com.logprocessor.readrepair.testing.Entries.request;
import static com.logprocessor.readrepair.testing.Entries.version;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.base.Ticker;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.readrepair.intake.RepairCollapser.Collapsed;
import com.logprocessor.support.kafka.ReadRepairRecords.ReadRepairRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which requests are repaired and which collapse into another repair of the same entry. */
class RepairCollapserTest {

    /** Time that moves only when told to. */
    private static final class ManualTicker extends Ticker {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }
    }

    private final ManualTicker ticker = new ManualTicker();
    private final RepairCollapser collapser = new RepairCollapser(Duration.ofSeconds(5), ticker);

    @Test
    void oneRequestPerEntryInABatchInTheOrderEntriesFirstAppear() {
        ReadRepairRequest a1 = request("a", 1, version(1), "n1");
        ReadRepairRequest b1 = request("b", 1, version(1), "n1");
        ReadRepairRequest a2 = request("a", 2, version(1), "n2");
        Collapsed c = collapser.collapse(List.of(a1, b1, request("a", 1, version(1), "n2"), a2,
                request("b", 1, version(1), "n3")));
        assertThat(c.toRepair()).containsExactly(a1, b1, a2);
        assertThat(c.collapsed()).isEqualTo(2);
    }

    @Test
    void theRequestNamingTheNewestVersionIsKept() {
        ReadRepairRequest v3 = request("k", 1, version(3), "n1");
        Collapsed c = collapser.collapse(List.of(request("k", 1, version(2), "n1"), v3,
                request("k", 1, version(1), "n2"), request("k", 1, null, "n3")));
        assertThat(c.toRepair()).containsExactly(v3);
        assertThat(c.collapsed()).isEqualTo(3);
    }

    @Test
    void anEntryMadeConsistentIsNotRepairedAgainWithinTheWindow() {
        collapser.madeConsistent("k", 1, version(3));
        ticker.advance(Duration.ofSeconds(4));
        Collapsed c = collapser.collapse(List.of(request("k", 1, version(3)), request("k", 1, version(2))));
        assertThat(c.toRepair()).isEmpty();
        assertThat(c.collapsed()).isEqualTo(2);
        // A request naming no version at all is covered by any version made consistent.
        assertThat(collapser.collapse(List.of(request("k", 1, null))).toRepair()).isEmpty();
    }

    @Test
    void aNewerVersionThanTheOneMadeConsistentIsRepaired() {
        collapser.madeConsistent("k", 1, version(3));
        ReadRepairRequest newer = request("k", 1, version(4));
        ReadRepairRequest sameCounterHigherWriter = request("k", 1, new LamportVersion(3, "coordinator-2"));
        assertThat(collapser.collapse(List.of(newer)).toRepair()).containsExactly(newer);
        assertThat(collapser.collapse(List.of(sameCounterHigherWriter)).toRepair())
                .containsExactly(sameCounterHigherWriter);
    }

    @Test
    void theWindowEnds() {
        collapser.madeConsistent("k", 1, version(3));
        ticker.advance(Duration.ofSeconds(5).plusMillis(1));
        ReadRepairRequest again = request("k", 1, version(3));
        Collapsed c = collapser.collapse(List.of(again));
        assertThat(c.toRepair()).containsExactly(again);
        assertThat(c.collapsed()).isZero();
    }

    @Test
    void theNewestVersionMadeConsistentIsRemembered() {
        collapser.madeConsistent("k", 1, version(5));
        collapser.madeConsistent("k", 1, version(4)); // a slower repair finishing later
        assertThat(collapser.collapse(List.of(request("k", 1, version(5)))).toRepair()).isEmpty();
    }

    @Test
    void otherEntriesAreNotAffected() {
        collapser.madeConsistent("k", 1, version(3));
        ReadRepairRequest otherSequence = request("k", 2, version(1));
        ReadRepairRequest otherKey = request("j", 1, version(1));
        assertThat(collapser.collapse(List.of(otherSequence, otherKey)).toRepair())
                .containsExactly(otherSequence, otherKey);
    }

    @Test
    void aZeroWindowOnlyCollapsesWithinABatch() {
        RepairCollapser batchOnly = new RepairCollapser(Duration.ZERO, ticker);
        batchOnly.madeConsistent("k", 1, version(3));
        ReadRepairRequest r = request("k", 1, version(3));
        Collapsed c = batchOnly.collapse(List.of(r, request("k", 1, version(3))));
        assertThat(c.toRepair()).containsExactly(r);
        assertThat(c.collapsed()).isEqualTo(1);
    }

    @Test
    void anEmptyBatchCollapsesNothing() {
        Collapsed c = collapser.collapse(List.of());
        assertThat(c.toRepair()).isEmpty();
        assertThat(c.collapsed()).isZero();
    }
}
