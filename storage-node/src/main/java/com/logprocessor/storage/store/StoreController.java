package com.logprocessor.storage.store;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.support.storage.StorageApi.StoreBatchRequest;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import com.logprocessor.core.entry.LogEntryCodec;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The write endpoints the coordinator, the hint manager and the repair services call. */
@RestController
@RequestMapping(path = "/api/storage", produces = MediaType.APPLICATION_JSON_VALUE)
public class StoreController {

    private final StoreService service;

    public StoreController(StoreService service) {
        this.service = service;
    }

    /** Stores one placed entry (idempotent: see {@link StoreResult}). */
    @PostMapping(path = "/store", consumes = MediaType.APPLICATION_JSON_VALUE)
    public StoreResult store(@RequestBody(required = false) LogEntry entry) {
        return service.store(entry);
    }

    /**
     * Stores up to {@code storage.write.max-batch-entries} placed entries in one transaction. With
     * {@code repair=true} (anti-entropy only), a copy with an equal version but other content is
     * replaced too.
     */
    @PostMapping(path = "/store/batch", consumes = {MediaType.APPLICATION_JSON_VALUE, LogEntryCodec.MEDIA_TYPE})
    public StoreResult storeBatch(@RequestBody(required = false) StoreBatchRequest request,
            @RequestParam(defaultValue = "false") boolean repair) {
        return service.storeBatch(request, repair);
    }
}
