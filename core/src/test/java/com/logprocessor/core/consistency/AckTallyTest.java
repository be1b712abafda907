package com.logprocessor.core.consistency;

import static com.logprocessor.core.consistency.AckTally.Reply.ACK;
import static com.logprocessor.core.consistency.AckTally.Reply.REFUSED;
import static com.logprocessor.core.consistency.AckTally.Reply.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logprocessor.core.consistency.AckTally.Outcome;
import com.logprocessor.core.consistency.AckTally.Reply;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AckTallyTest {

    private static final List<String> ABC = List.of("a", "b", "c");

    private static AckTally tally(ConsistencyLevel level, Reply a, Reply b, Reply c) {
        return new AckTally(level, 3, ABC).record("a", a).record("b", b).record("c", c);
    }

    @ParameterizedTest(name = "{0}: {1} {2} {3} -> {4}")
    @CsvSource({
            "QUORUM, ACK, ACK, UNREACHABLE, MET",
            "QUORUM, ACK, UNREACHABLE, UNREACHABLE, UNAVAILABLE",
            "QUORUM, ACK, REFUSED, UNREACHABLE, UNAVAILABLE",
            "QUORUM, ACK, REFUSED, REFUSED, REFUSED",
            "QUORUM, REFUSED, REFUSED, ACK, REFUSED",
            "ONE, REFUSED, REFUSED, ACK, MET",
            "ONE, REFUSED, REFUSED, UNREACHABLE, UNAVAILABLE",
            "ALL, ACK, ACK, UNREACHABLE, UNAVAILABLE",
            "ALL, ACK, ACK, REFUSED, REFUSED",
            "ALL, ACK, ACK, ACK, MET"})
    void outcomeFollowsTheLevel(ConsistencyLevel level, Reply a, Reply b, Reply c, Outcome expected) {
        assertThat(tally(level, a, b, c).outcome()).isEqualTo(expected);
    }

    @Test
    void missingRingMembersCountAsUnreachable() {
        // Two members at RF 3: ALL can be met once a third node joins, so wait instead of dead-lettering.
        AckTally two = new AckTally(ConsistencyLevel.ALL, 3, List.of("a", "b")).record("a", ACK).record("b", ACK);
        assertThat(two.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(two.describe()).contains("2 of 3").contains("ring holds only 2 node(s)");
        AckTally quorum = new AckTally(ConsistencyLevel.QUORUM, 3, List.of("a", "b")).record("a", ACK).record("b", ACK);
        assertThat(quorum.outcome()).isEqualTo(Outcome.MET);
    }

    @Test
    void aReplicaNotHeardFromIsUnreachableAndListedForHints() {
        AckTally t = new AckTally(ConsistencyLevel.QUORUM, 3, ABC).record("a", ACK).record("c", ACK);
        assertThat(t.outcome()).isEqualTo(Outcome.MET);
        assertThat(t.unreachable()).containsExactly("b");
        assertThat(t.acknowledged()).containsExactly("a", "c");
        assertThat(t.acks()).isEqualTo(2);
    }

    @Test
    void describesWhatIsMissing() {
        assertThat(tally(ConsistencyLevel.QUORUM, ACK, UNREACHABLE, REFUSED).describe())
                .isEqualTo("1 of 3 replicas acknowledged; QUORUM needs 2 (unreachable: [b]) (refused: [c])");
    }

    @Test
    void onlyReplicasOfTheEntryCanReply() {
        assertThatThrownBy(() -> new AckTally(ConsistencyLevel.ONE, 3, ABC).record("d", ACK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckTally(ConsistencyLevel.ONE, 2, ABC))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
