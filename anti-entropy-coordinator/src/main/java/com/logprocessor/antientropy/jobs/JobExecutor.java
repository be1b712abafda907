package com.logprocessor.antientropy.jobs;

import java.util.Set;

/** Does a job's work (the {@code repair} feature); a thrown exception is a failed attempt. */
public interface JobExecutor {

    void execute(JobRun run) throws Exception;

    /**
     * Nodes whose NODE jobs cannot run now and wait, pending, instead of failing: members that are
     * down. Such a node's return queues a job that joins the waiting one.
     */
    default Set<String> nodesToWaitFor() {
        return Set.of();
    }
}
