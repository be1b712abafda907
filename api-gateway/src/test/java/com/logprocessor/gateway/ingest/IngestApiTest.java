package com.logprocessor.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.support.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ingest API against a real (embedded KRaft) Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "topics.ingest-partitions=1"})
@EmbeddedKafka(partitions = 1, topics = "logs.ingest")
class IngestApiTest {

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", TestRedis::port);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    private Consumer<String, byte[]> consumer;

    @BeforeEach
    void subscribe() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "test-" + UUID.randomUUID(), false);
        consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer())
                .createConsumer();
        // Only what this test publishes: start at the current end of the topic.
        TopicPartition partition = new TopicPartition("logs.ingest", 0);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    /**
     * With the JDK's client: it reads an answer that comes before the whole body is sent, as the
     * gateway's 413 for an oversized batch does (it refuses and closes without reading the rest).
     * Apache HttpClient, also on this classpath, would fail with a broken pipe instead.
     */
    private ResponseEntity<String> post(String path, String body) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .requestFactory(new JdkClientHttpRequestFactory()).build().post().uri(path)
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders())
                        .body(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)), false);
    }

    private List<ConsumerRecord<String, byte[]>> published(int atLeast) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (out.size() < atLeast && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }

    /** Publishes a marker and returns what was published before it (nothing, if a rejected request stored nothing). */
    private List<ConsumerRecord<String, byte[]>> publishedBeforeMarker() {
        String marker = UUID.randomUUID().toString();
        assertThat(post("/api/logs", "{\"id\":\"" + marker + "\",\"service\":\"marker\",\"message\":\"m\"}")
                .getStatusCode().value()).isEqualTo(202);
        List<ConsumerRecord<String, byte[]>> before = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : published(1)) {
            if (LogEntryCodec.decode(r.value()).id().toString().equals(marker)) {
                return before;
            }
            before.add(r);
        }
        throw new AssertionError("the marker was never published");
    }

    private JsonNode problem(ResponseEntity<String> response, int status) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(status));
        assertThat(response.getHeaders().getContentType()).isNotNull()
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
        return json.readTree(response.getBody());
    }

    @Test
    void aLogIsAcceptedOnceKafkaHasItKeyedByItsPartitionKey() {
        ResponseEntity<String> response = post("/api/logs",
                "{\"sourceIp\":\"10.1.2.3\",\"level\":\"warn\",\"message\":\"disk almost full\",\"attributes\":{\"disk\":\"sda\"}}");
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("partitionKey").asString()).isEqualTo("10.1.2.3");

        ConsumerRecord<String, byte[]> record = published(1).get(0);
        assertThat(record.key()).isEqualTo("10.1.2.3");
        LogEntry entry = LogEntryCodec.decode(record.value());
        assertThat(entry.id().toString()).isEqualTo(body.get("id").asString());
        assertThat(entry.level()).isEqualTo(LogLevel.WARN);
        assertThat(entry.message()).isEqualTo("disk almost full");
        assertThat(entry.timestamp()).isNotNull();
        assertThat(entry.sequence()).isZero();
        assertThat(entry.attributes()).containsEntry("disk", "sda");
    }

    @Test
    void aBatchIsAcceptedAsAnObjectOrAnArrayWithConsistency() {
        ResponseEntity<String> response = post("/api/logs/batch?consistency=all",
                "{\"logs\":[{\"partitionId\":\"tenant-7\",\"message\":\"a\"},{\"service\":\"billing\",\"message\":\"b\"}]}");
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(json.readTree(response.getBody()).get("accepted").asInt()).isEqualTo(2);
        List<ConsumerRecord<String, byte[]>> records = published(2);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("tenant-7", "billing");
        assertThat(new String(records.get(0).headers().lastHeader("consistency").value(), StandardCharsets.US_ASCII))
                .isEqualTo("ALL");

        assertThat(post("/api/logs/batch", "[{\"service\":\"s\",\"message\":\"x\"}]").getStatusCode().value()).isEqualTo(202);
        assertThat(published(1)).hasSize(1);
    }

    @Test
    void assignedIdsAreTimeOrderedUuidV7AndGivenIdsAreKept() {
        String given = UUID.randomUUID().toString();
        JsonNode ids = json.readTree(post("/api/logs/batch", "[{\"service\":\"s\",\"message\":\"1\"},"
                + "{\"service\":\"s\",\"message\":\"2\"},{\"id\":\"" + given + "\",\"service\":\"s\",\"message\":\"3\"}]")
                .getBody()).get("ids");
        UUID first = UUID.fromString(ids.get(0).asString());
        UUID second = UUID.fromString(ids.get(1).asString());
        assertThat(first.version()).isEqualTo(7);
        assertThat(second.version()).isEqualTo(7);
        // The top 48 bits are the creation time in milliseconds.
        assertThat(first.getMostSignificantBits() >>> 16).isLessThanOrEqualTo(second.getMostSignificantBits() >>> 16);
        assertThat(second.getMostSignificantBits() >>> 16).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
        assertThat(ids.get(2).asString()).isEqualTo(given);
    }

    @Test
    void malformedJsonIsA400ProblemAndStoresNothing() {
        JsonNode p = problem(post("/api/logs/batch", "{\"logs\":[{\"message\":"), 400);
        assertThat(p.get("detail").asString()).contains("not valid JSON");
        assertThat(publishedBeforeMarker()).isEmpty();
    }

    @Test
    void aMissingMessageIsReported() {
        JsonNode p = problem(post("/api/logs", "{\"sourceIp\":\"10.0.0.1\"}"), 400);
        assertThat(p.get("errors").get(0).get("field").asString()).isEqualTo("message");
        assertThat(publishedBeforeMarker()).isEmpty();
    }

    @Test
    void anOversizeMessageIsReported() {
        JsonNode p = problem(post("/api/logs", "{\"service\":\"s\",\"message\":\"" + "x".repeat(65_537) + "\"}"), 400);
        assertThat(p.get("errors").get(0).get("message").asString()).contains("64 KiB");
    }

    @Test
    void aBatchWithOneBadEntryIsRejectedWholeListingEachBadEntry() {
        String batch = "{\"logs\":[{\"sourceIp\":\"10.0.0.1\",\"message\":\"ok\"},"
                + "{\"sourceIp\":\"300.1.1.1\",\"message\":\"bad ip\"},"
                + "{\"service\":\"s\",\"message\":\"bad level\",\"level\":\"LOUD\"},"
                + "{\"service\":\"s\",\"message\":\"bad time\",\"timestamp\":\"yesterday\"}]}";
        JsonNode p = problem(post("/api/logs/batch", batch), 400);
        List<String> fields = new ArrayList<>();
        p.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactly("logs[1].sourceIp", "logs[2].level", "logs[3].timestamp");
        assertThat(p.get("detail").asString()).contains("3 of 4 logs are invalid");
        assertThat(publishedBeforeMarker()).isEmpty();
    }

    @Test
    void aBadConsistencyLevelIsRejected() {
        JsonNode p = problem(post("/api/logs?consistency=MOST", "{\"service\":\"s\",\"message\":\"m\"}"), 400);
        assertThat(p.get("detail").asString()).contains("MOST").contains("QUORUM");
        assertThat(publishedBeforeMarker()).isEmpty();
    }

    @Test
    void tooManyEntriesOrTooManyBytesIsA413() {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 10_001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"service\":\"s\",\"message\":\"m\"}");
        }
        JsonNode p = problem(post("/api/logs/batch", many.append("]").toString()), 413);
        assertThat(p.get("detail").asString()).contains("10001").contains("10000");

        String big = "{\"logs\":[" + ("{\"service\":\"s\",\"message\":\"" + "y".repeat(60_000) + "\"},").repeat(290)
                + "{\"service\":\"s\",\"message\":\"z\"}]}";
        assertThat(big.length()).isGreaterThan(16 * 1024 * 1024);
        problem(post("/api/logs/batch", big), 413);
        assertThat(publishedBeforeMarker()).isEmpty();
    }

    @Test
    void ingestedLogsAreCounted() {
        post("/api/logs/batch", "[{\"service\":\"s\",\"message\":\"1\"},{\"service\":\"s\",\"message\":\"2\"}]");
        String metrics = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN).retrieve().body(String.class);
        assertThat(metrics).containsPattern("logs_ingested_total\\{[^}]*\\} [1-9]");
    }
}
