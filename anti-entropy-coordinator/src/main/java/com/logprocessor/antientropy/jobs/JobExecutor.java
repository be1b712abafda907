package com.logprocessor.antientropy.jobs;

/** Does a job's work (the {@code repair} feature); a thrown exception is a failed attempt. */
public interface JobExecutor {

    void execute(JobRun run) throws Exception;
}
