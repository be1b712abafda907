package com.logprocessor.support.antientropy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the anti-entropy coordinator to repair a node's ranges or one partition, for a stated
 * {@link RepairReason} (which sets the job's priority). Best effort and
 * never blocking the caller: a request that fails is logged, and the periodic cycle still covers
 * the ranges. Asking again for a subject already queued joins the queued job.
 */
public class AntiEntropyClient {

    private static final Logger log = LoggerFactory.getLogger(AntiEntropyClient.class);

    private final AntiEntropyClientProperties properties;
    private final HttpClient http;

    public AntiEntropyClient(AntiEntropyClientProperties properties) {
        this.properties = properties;
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

    private CompletableFuture<Boolean> request(String parameter, String subject, RepairReason reason) {
        if (!properties.requests()) {
            return CompletableFuture.completedFuture(false);
        }
        URI uri = URI.create(properties.url() + "/api/coordinator/trigger?" + parameter + "="
                + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "&reason=" + reason.label());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.requestTimeout())
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
