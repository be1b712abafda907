package com.logprocessor.bench.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.token.Token;
import org.junit.jupiter.api.Test;

/** The routing benchmark's fixture, called directly (never timed here). */
class RoutingBenchmarkTest {

    @Test
    void theFixtureBuildsBothRingsAndEveryBenchmarkMethodRoutesTheSameKey() {
        RoutingBenchmark bench = new RoutingBenchmark();
        bench.nodes = 3;
        bench.keyCount = 1 << 16;
        bench.setUp();

        assertThat(bench.ring.nodeCount()).isEqualTo(3);
        assertThat(bench.ring.tokenCount()).isEqualTo(450);
        assertThat(bench.treeMap.nodeCount()).isEqualTo(3);
        assertThat(bench.keys).hasSize(1 << 16);

        for (int i = 0; i < 100; i++) {
            String key = bench.keys[i];
            bench.next = i;
            assertThat(bench.hashOnly()).isEqualTo(Token.hash(key));
            bench.next = i;
            String owner = bench.ringOwnerOf();
            bench.next = i;
            assertThat(bench.ringPreferenceList().replicas()).hasSize(3).first().isEqualTo(owner);
            bench.next = i;
            String baselineOwner = bench.treeMapOwnerOf();
            bench.next = i;
            assertThat(bench.treeMapPreferenceList()).hasSize(3).first().isEqualTo(baselineOwner);
            bench.next = i;
            assertThat(bench.ringOwnerOfTokenOnly()).isEqualTo(owner);
            bench.next = i;
            assertThat(bench.treeMapOwnerOfTokenOnly()).isEqualTo(baselineOwner);
        }
    }

    @Test
    void theKeyIndexWrapsAroundTheKeyArray() {
        RoutingBenchmark bench = new RoutingBenchmark();
        bench.nodes = 3;
        bench.keyCount = 1 << 16;
        bench.setUp();
        bench.next = bench.keyCount - 1;
        assertThat(bench.hashOnly()).isEqualTo(Token.hash(bench.keys[bench.keyCount - 1]));
        assertThat(bench.hashOnly()).isEqualTo(Token.hash(bench.keys[0]));
    }
}
