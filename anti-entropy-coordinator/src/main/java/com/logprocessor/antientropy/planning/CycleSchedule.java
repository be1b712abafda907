package com.logprocessor.antientropy.planning;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Plans a cycle every {@code anti-entropy.interval} (the first one interval after start). */
@Component
public class CycleSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CycleSchedule.class);

    private final Planner planner;
    private final PlanningProperties properties;
    private ScheduledExecutorService timer;

    public CycleSchedule(Planner planner, PlanningProperties properties) {
        this.planner = planner;
        this.properties = properties;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anti-entropy-cycles");
            t.setDaemon(true);
            return t;
        });
        if (properties.periodic()) {
            long every = properties.interval().toMillis();
            timer.scheduleWithFixedDelay(this::plan, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void plan() {
        try {
            planner.periodicCycle();
        } catch (RuntimeException e) {
            log.warn("Could not plan the periodic anti-entropy cycle: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
