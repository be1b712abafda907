package com.logprocessor.core.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyLevelTest {

    @ParameterizedTest(name = "RF {0}: ONE {1}, QUORUM {2}, ALL {3}")
    @CsvSource({"1,1,1,1", "2,1,2,2", "3,1,2,3", "4,1,3,4", "5,1,3,5"})
    void replicasRequired(int rf, int one, int quorum, int all) {
        assertThat(ConsistencyLevel.ONE.required(rf)).isEqualTo(one);
        assertThat(ConsistencyLevel.QUORUM.required(rf)).isEqualTo(quorum);
        assertThat(ConsistencyLevel.ALL.required(rf)).isEqualTo(all);
    }

    @ParameterizedTest(name = "RF {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void quorumReadsAlwaysOverlapQuorumWrites(int rf) {
        assertThat(ConsistencyLevel.overlaps(ConsistencyLevel.QUORUM, ConsistencyLevel.QUORUM, rf)).isTrue();
        assertThat(ConsistencyLevel.overlaps(ConsistencyLevel.ALL, ConsistencyLevel.ONE, rf)).isTrue();
    }

    @Test
    void oneAndOneDoNotOverlapAtRfThree() {
        assertThat(ConsistencyLevel.overlaps(ConsistencyLevel.ONE, ConsistencyLevel.ONE, 3)).isFalse();
    }

    @Test
    void metAndReachable() {
        assertThat(ConsistencyLevel.QUORUM.isMet(2, 3)).isTrue();
        assertThat(ConsistencyLevel.QUORUM.isMet(1, 3)).isFalse();
        assertThat(ConsistencyLevel.ALL.isReachable(2, 1, 3)).isTrue();
        assertThat(ConsistencyLevel.ALL.isReachable(2, 0, 3)).isFalse();
    }

    @Test
    void parsingIsCaseInsensitiveAndExplainsMistakes() {
        assertThat(ConsistencyLevel.parse(" quorum ")).isEqualTo(ConsistencyLevel.QUORUM);
        assertThatThrownBy(() -> ConsistencyLevel.parse("MOST"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'MOST'").hasMessageContaining("ONE, QUORUM, ALL");
        assertThatThrownBy(() -> ConsistencyLevel.parse(""))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> ConsistencyLevel.ONE.required(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
