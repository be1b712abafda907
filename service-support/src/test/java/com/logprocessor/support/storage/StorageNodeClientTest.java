package com.logprocessor.support.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.support.storage.StorageApi.StoreBatchRequest;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.databind.json.JsonMapper;

class StorageNodeClientTest {

    private final StorageNodeClient client =
            new StorageNodeClient(JsonMapper.builder().build(), Duration.ofSeconds(1), Duration.ofSeconds(1),
                    com.logprocessor.support.security.InternalToken.NONE);

    private static LogEntry entry(int i) {
        return new LogEntry(UUID.randomUUID(), "k" + i, i, Instant.parse("2026-11-22T10:00:00.123456789Z"),
                LogLevel.WARN, "10.0.0." + i, "svc", "message \"" + i + "\" é", Map.of("a", "b" + i),
                new LamportVersion(i, "c"));
    }

    private static HttpInputMessage message(byte[] body) {
        return new HttpInputMessage() {
            @Override
            public ByteArrayInputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return new HttpHeaders();
            }
        };
    }

    @Test
    void whatTheClientEncodesTheNodeReadsBack() throws Exception {
        List<LogEntry> entries = List.of(entry(1), entry(2), entry(3));
        byte[] body = LogEntryCodec.encodeBatch(entries.stream().map(client::encode).toList());
        StoreBatchRequest read = new LogEntryBatchConverter().read(StoreBatchRequest.class, message(body));
        assertThat(read.entries()).isEqualTo(entries);
    }

    @Test
    void malformedBodiesAreUnreadableNotErrors() {
        assertThatThrownBy(() -> new LogEntryBatchConverter().read(StoreBatchRequest.class, message(new byte[] {1, 2})))
                .isInstanceOf(HttpMessageNotReadableException.class).hasMessageContaining("malformed");
    }
}
