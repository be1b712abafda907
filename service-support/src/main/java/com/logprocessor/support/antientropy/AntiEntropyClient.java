package com.logprocessor.support.antientropy;

import com.logprocessor.support.security.InternalToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The anti-entropy coordinator's API for other services. Asks it to repair a node's ranges or one
 * partition, for a stated {@link RepairReason} (which sets the job's priority): best effort and
 * never blocking the caller: a request that fails is logged, and the periodic cycle still covers
 * the ranges. Asking again for a subject already queued joins the queued job.
 */
public class AntiEntropyClient {

    private static final Logger log = LoggerFactory.getLogger(AntiEntropyClient.class);

    private final AntiEntropyClientProperties properties;
    private final JsonMapper json;
    private final HttpClient http;
    private final InternalToken token;

    public AntiEntropyClient(AntiEntropyClientProperties properties, JsonMapper json, InternalToken token) {
        this.properties = properties;
        this.json = json;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.requestTimeout()).build();
    }

    /** Every range {@code node} replicates. */
    public CompletableFuture<Boolean> repairNode(String node, RepairReason reason) {
        return request("node", node, reason);
    }

    /** One partition, on all its replicas. */
    public CompletableFuture<Boolean> repairPartition(String partitionKey, RepairReason reason) {
        return request("partitionKey", partitionKey, reason);
    }

    /**
     * {@code GET /api/coordinator/jobs?status=&limit=} ({@code status} null for every status), or
     * empty when the coordinator does not answer within the request timeout.
     */
    public Optional<JobList> jobs(JobStatus status, int limit) {
        URI uri = URI.create(properties.url() + "/api/coordinator/jobs?limit=" + limit
                + (status == null ? "" : "&status=" + status.name()));
        try {
            HttpResponse<String> response = http.send(token.sign(HttpRequest.newBuilder(uri)).timeout(properties.requestTimeout())
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.debug("{} answered {} to {}", properties.url(), response.statusCode(), uri);
                return Optional.empty();
            }
            return Optional.of(json.readValue(response.body(), JobList.class));
        } catch (IOException | RuntimeException e) {
            log.debug("{} did not answer {}: {}", properties.url(), uri, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Where the coordinator is. */
    public URI url() {
        return properties.url();
    }

    private CompletableFuture<Boolean> request(String parameter, String subject, RepairReason reason) {
        if (!properties.requests()) {
            return CompletableFuture.completedFuture(false);
        }
        URI uri = URI.create(properties.url() + "/api/coordinator/trigger?" + parameter + "="
                + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "&reason=" + reason.label());
        HttpRequest request = token.sign(HttpRequest.newBuilder(uri)).timeout(properties.requestTimeout())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                log.warn("Could not ask {} to repair {} {} ({}): {}; the periodic cycle will", properties.url(),
                        parameter, subject, reason.label(), failure.toString());
                return false;
            }
            if (response.statusCode() != 202) {
                log.warn("{} refused to repair {} {} ({}): {} {}", properties.url(), parameter, subject, reason.label(),
                        response.statusCode(), response.body());
                return false;
            }
            log.info("Asked {} to repair {} {} ({})", properties.url(), parameter, subject, reason.label());
            return true;
        });
    }
}
