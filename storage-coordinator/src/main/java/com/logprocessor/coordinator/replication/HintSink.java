package com.logprocessor.coordinator.replication;

import com.logprocessor.core.entry.LogEntry;
import java.util.List;

/**
 * Where writes a replica missed go, to be replayed when it is back (hinted handoff). An entry
 * only gets hints once its consistency level is met, so a hint is never the only copy.
 */
public interface HintSink {

    void hint(String targetNode, List<LogEntry> entries);
}
