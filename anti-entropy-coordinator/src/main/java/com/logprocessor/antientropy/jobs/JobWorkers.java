package com.logprocessor.antientropy.jobs;

import com.logprocessor.support.antientropy.RepairJob;
import com.logprocessor.support.antientropy.JobCounts;
import com.logprocessor.support.antientropy.JobStatus;
import com.logprocessor.core.text.Texts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's workers: each claims the next job from the shared queue, runs it and settles it.
 * While a job runs its lease is renewed (and its counts saved) every third of the lease; a renewal
 * that finds the job taken away stops the run. One sweep, on every instance, gives back the jobs of
 * workers that died.
 */
@Component
public class JobWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);

    private final JobStore store;
    private final JobExecutor executor;
    private final JobOutcomes outcomes;
    private final JobProperties properties;
    private final Semaphore wake = new Semaphore(0);
    private final Map<Long, JobRun> running = new ConcurrentHashMap<>();
    private ExecutorService workers;
    private ScheduledExecutorService leases;
    private volatile boolean started;

    public JobWorkers(JobStore store, JobExecutor executor, JobOutcomes outcomes, JobProperties properties) {
        this.store = store;
        this.executor = executor;
        this.outcomes = outcomes;
        this.properties = properties;
    }

    /** Wakes idle workers now (jobs were just queued) instead of at their next poll. */
    public void wakeUp() {
        wake.release(properties.workers());
    }

    /** The jobs this instance is running now. */
    public List<Long> runningHere() {
        return List.copyOf(running.keySet());
    }

    @Override
    public void start() {
        started = true;
        workers = Executors.newFixedThreadPool(Math.max(1, properties.workers()), r -> {
            Thread t = new Thread(r, "repair-worker");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < properties.workers(); i++) {
            workers.submit(this::work);
        }
        leases = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "repair-leases");
            t.setDaemon(true);
            return t;
        });
        long every = properties.renewEvery().toMillis();
        leases.scheduleWithFixedDelay(this::renewAndSweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        started = false;
        wakeUp();
        if (workers != null) {
            workers.shutdownNow();
            leases.shutdownNow();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    private void work() {
        while (started && !Thread.currentThread().isInterrupted()) {
            try {
                Optional<RepairJob> job = store.claim(properties.instanceId(), properties.lease(),
                        executor.nodesToWaitFor());
                if (job.isPresent()) {
                    run(job.get());
                } else {
                    wake.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The database is unreachable (restarting?): wait and try again.
                log.warn("Repair worker could not claim a job: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private void run(RepairJob job) {
        JobRun run = new JobRun(job, outcomes);
        running.put(job.id(), run);
        log.info("Job {} ({} {}, {}) started, attempt {}", job.id(), job.kind(), job.subject(), job.reason(),
                job.attempts());
        try {
            executor.execute(run);
            run.checkLease();
            JobCounts counts = run.counts();
            if (store.complete(job.id(), properties.instanceId(), counts)) {
                log.info("Job {} completed: {}", job.id(), counts);
                outcomes.completed(job, counts);
            }
        } catch (JobRun.LeaseLostException e) {
            log.warn("{}; another worker takes it over", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            settleFailure(job, "this worker was stopped");
        } catch (Exception e) {
            log.warn("Job {} attempt {} failed: {}", job.id(), job.attempts(), e.toString());
            settleFailure(job, e.toString());
        } finally {
            running.remove(job.id());
            finishCycles();
        }
    }

    private void settleFailure(RepairJob job, String error) {
        try {
            Optional<JobStatus> status = store.fail(job.id(), properties.instanceId(), Texts.abbreviate(error, 2000),
                    properties.maxAttempts(), properties.retryBackoff());
            if (status.orElse(null) == JobStatus.FAILED) {
                outcomes.failed(job.kind());
            }
        } catch (RuntimeException e) {
            log.warn("Could not record the failure of job {} (its lease will run out): {}", job.id(), e.toString());
        }
    }

    private void renewAndSweep() {
        running.values().forEach(run -> {
            try {
                if (!store.renew(run.job().id(), properties.instanceId(), properties.lease(), run.counts())) {
                    run.loseLease();
                }
            } catch (RuntimeException e) {
                log.warn("Could not renew the lease of job {}: {}", run.job().id(), e.toString());
            }
        });
        try {
            store.expireLeases(properties.maxAttempts()).forEach(outcomes::failed);
            finishCycles();
        } catch (RuntimeException e) {
            log.warn("Could not sweep expired job leases: {}", e.toString());
        }
    }

    private void finishCycles() {
        try {
            store.finishCycles().forEach(outcomes::cycleFinished);
        } catch (RuntimeException e) {
            log.debug("Could not close finished cycles: {}", e.toString());
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
