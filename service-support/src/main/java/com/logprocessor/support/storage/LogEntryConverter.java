package com.logprocessor.support.storage;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * Writes one {@link LogEntry} as {@value LogEntryCodec#MEDIA_TYPE} (a batch of one) to a caller
 * that asks for it in {@code Accept}, as {@link StorageNodeClient#read} does: a quorum read then
 * costs the node and the coordinator a binary encode and decode instead of JSON. A caller that
 * accepts anything still gets JSON: the endpoint lists JSON first among what it produces, and the
 * node registers this converter after the JSON ones.
 */
public class LogEntryConverter extends AbstractHttpMessageConverter<LogEntry> {

    public LogEntryConverter() {
        super(LogEntryBatchConverter.MEDIA_TYPE);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return LogEntry.class.equals(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false; // entries arrive in batches (LogEntryBatchConverter)
    }

    @Override
    protected LogEntry readInternal(Class<? extends LogEntry> type, HttpInputMessage input) {
        throw new UnsupportedOperationException("single entries are only written in this format");
    }

    @Override
    protected void writeInternal(LogEntry entry, HttpOutputMessage output) throws IOException {
        output.getBody().write(LogEntryCodec.encodeBatch(List.of(LogEntryCodec.encode(entry))));
    }
}
