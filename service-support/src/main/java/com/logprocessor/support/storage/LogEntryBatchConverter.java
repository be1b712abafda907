package com.logprocessor.support.storage;

import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.support.storage.StorageApi.StoreBatchRequest;
import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Reads a {@link StoreBatchRequest} sent as {@value LogEntryCodec#MEDIA_TYPE} (what
 * {@link StorageNodeClient} sends), beside JSON. Malformed bytes are a 400 like malformed JSON.
 */
public class LogEntryBatchConverter extends AbstractHttpMessageConverter<StoreBatchRequest> {

    public static final MediaType MEDIA_TYPE = MediaType.parseMediaType(LogEntryCodec.MEDIA_TYPE);

    public LogEntryBatchConverter() {
        super(MEDIA_TYPE);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return StoreBatchRequest.class.equals(type);
    }

    @Override
    protected StoreBatchRequest readInternal(Class<? extends StoreBatchRequest> type, HttpInputMessage input)
            throws IOException {
        byte[] body = input.getBody().readAllBytes();
        try {
            return new StoreBatchRequest(LogEntryCodec.decodeBatch(body));
        } catch (IllegalArgumentException e) {
            throw new HttpMessageNotReadableException("malformed " + LogEntryCodec.MEDIA_TYPE + " body: "
                    + e.getMessage(), e, input);
        }
    }

    @Override
    protected boolean canWrite(MediaType mediaType) {
        return false; // only read: a single entry is written by LogEntryConverter, other answers are JSON
    }

    @Override
    protected void writeInternal(StoreBatchRequest batch, HttpOutputMessage output) {
        throw new UnsupportedOperationException("store batches are only read in this format");
    }
}
