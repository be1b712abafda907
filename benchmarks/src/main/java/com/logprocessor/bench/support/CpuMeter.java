package com.logprocessor.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time over a run, for figures that hold on a noisy machine: the whole machine's busy time
 * (Linux {@code /proc/stat}) and this generator's own, so that "CPU per log" is the cluster's
 * (machine minus generator) divided by the logs. Elsewhere than Linux the machine figure is absent.
 */
public final class CpuMeter {

    private final long machineStart;
    private final long ownStart;

    private CpuMeter() {
        this.machineStart = machineBusyMillis();
        this.ownStart = ownMillis();
    }

    /** Starts measuring now. */
    public static CpuMeter start() {
        return new CpuMeter();
    }

    /** What was used since {@link #start()}. */
    public Usage stop() {
        long machine = machineBusyMillis();
        return new Usage(machineStart < 0 || machine < 0 ? -1 : machine - machineStart, ownMillis() - ownStart);
    }

    /**
     * CPU used: the machine's busy milliseconds (-1 when unknown) and this process's.
     */
    public record Usage(long machineMillis, long ownMillis) {

        /** The machine's CPU minus this generator's: what the system under test used. */
        public long clusterMillis() {
            return machineMillis < 0 ? -1 : Math.max(0, machineMillis - ownMillis);
        }

        /** A line for a report: cores busy, the generator's share, and the cluster's CPU per unit of work. */
        public String describe(double seconds, long units, String unit) {
            if (machineMillis < 0) {
                return String.format(java.util.Locale.ROOT, "generator %.1f s CPU (machine CPU unknown: not Linux)",
                        ownMillis / 1000.0);
            }
            return String.format(java.util.Locale.ROOT,
                    "machine %.2f of %d cores busy; generator %.1f s CPU (%.0f%% of the cluster's); cluster %.3f ms CPU per %s",
                    machineMillis / 1000.0 / seconds, Runtime.getRuntime().availableProcessors(), ownMillis / 1000.0,
                    clusterMillis() == 0 ? 0 : 100.0 * ownMillis / clusterMillis(), units == 0 ? 0 : (double) clusterMillis() / units,
                    unit);
        }
    }

    /** Busy CPU of the whole machine so far: user, nice, system, irq, softirq, steal (not idle, iowait, guest). */
    public static long machineBusyMillis() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * 10; // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ownMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }
}
