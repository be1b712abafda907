/**
 * Detached OS processes that outlive the JVM that started them
 * ({@link com.logprocessor.localcluster.process.ProcessControl}): each runs in its own session with its
 * output appended to its log file, and is found again later, from this JVM or another one, through its
 * pid file. The pid file holds the pid and the process start time, so a reused pid or a zombie counts
 * as not running.
 */
package com.logprocessor.localcluster.process;
