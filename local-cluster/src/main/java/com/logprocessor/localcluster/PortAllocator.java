package com.logprocessor.localcluster;

import com.logprocessor.localcluster.infra.TcpProbe;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for a test cluster: random ports in [20000, 32000), below Linux's ephemeral range (so an
 * outgoing connection never takes one first) and far from the design's ports (a running demo on
 * 5432/6379/8080-8088/9092-9093 never collides). Each port is checked free when chosen.
 */
final class PortAllocator {

    static final int LOW = 20_000;
    static final int HIGH = 32_000;

    private PortAllocator() {
    }

    static Map<String, Integer> allocate(List<String> names) {
        Set<Integer> taken = new HashSet<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : names) {
            ports.put(name, next(taken));
        }
        return ports;
    }

    private static int next(Set<Integer> taken) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = random.nextInt(LOW, HIGH);
            if (taken.contains(port)) {
                continue;
            }
            if (TcpProbe.isFree(port)) {
                taken.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port found in [" + LOW + ", " + HIGH + ")");
    }
}
