package com.logprocessor.storage.query;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.storage.membership.StorageNodeProperties;
import com.logprocessor.support.storage.StorageApi.CountResponse;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads by key, queries and the entry count. */
@RestController
@RequestMapping(path = "/api/storage", produces = MediaType.APPLICATION_JSON_VALUE)
public class QueryController {


    private final QueryService service;
    private final StorageNodeProperties node;

    public QueryController(QueryService service, StorageNodeProperties node) {
        this.service = service;
        this.node = node;
    }

    /** JSON, or the internal wire format to a caller that asks for it (coordinators' quorum reads). */
    @GetMapping(path = "/entries/{partitionKey}/{sequence}",
            produces = {MediaType.APPLICATION_JSON_VALUE, LogEntryCodec.MEDIA_TYPE})
    public LogEntry entry(@PathVariable String partitionKey, @PathVariable long sequence) {
        return service.get(partitionKey, sequence);
    }

    /**
     * Entries matching every given filter, newest first (timestamp, then partition key and sequence).
     * {@code level} is a minimum severity ({@code WARN} → WARN, ERROR, FATAL); {@code from} is
     * inclusive, {@code to} exclusive (ISO-8601); {@code limit} 1..1000, default 100. With a
     * partition key, {@code afterSequence} turns the order to ascending sequences after it: a
     * cursor to read a whole partition page by page.
     */
    @GetMapping("/query")
    public List<LogEntry> query(@RequestParam(required = false) String sourceIp,
            @RequestParam(required = false) String partitionKey,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String afterSequence,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String consistency) {
        // consistency is the coordinator's; it is checked here too so every hop takes the same parameters.
        return service.query(sourceIp, partitionKey, level, from, to, afterSequence, limit, consistency);
    }

    @GetMapping("/count")
    public CountResponse count() {
        EntryReader.Totals totals = service.totals();
        return new CountResponse(node.id(), totals.count(), totals.digest());
    }
}
