package com.logprocessor.it.support;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The anti-entropy coordinator's API, as an operator uses it. */
public final class AntiEntropy {

    private AntiEntropy() {
    }

    public static String url() {
        return TestCluster.get().url(TestCluster.ANTI_ENTROPY);
    }

    /** {@code POST /api/coordinator/trigger} with an optional query ("", "?node=…"); the 202 body. */
    public static JsonNode trigger(String query) {
        HttpResponse<String> r = Http.post(url() + "/api/coordinator/trigger" + query, "");
        if (r.statusCode() != 202) {
            throw new AssertionError("trigger answered " + r.statusCode() + ": " + r.body());
        }
        return Http.json(r);
    }

    /** The newest jobs (at most 1000). */
    public static List<JsonNode> jobs() {
        return jobs(url());
    }

    /** The newest jobs (at most 1000), as the instance at {@code antiEntropyUrl} lists them (they share one queue). */
    public static List<JsonNode> jobs(String antiEntropyUrl) {
        List<JsonNode> out = new ArrayList<>();
        Http.getJson(antiEntropyUrl + "/api/coordinator/jobs?limit=1000").get("jobs").forEach(out::add);
        return out;
    }

    public static JsonNode job(long id) {
        return job(url(), id);
    }

    public static JsonNode job(String antiEntropyUrl, long id) {
        return Http.getJson(antiEntropyUrl + "/api/coordinator/jobs/" + id);
    }

    /** The jobs of cycle {@code cycleId} once all of them have settled (COMPLETED or FAILED). */
    public static List<JsonNode> awaitCycle(long cycleId) {
        List<JsonNode> jobs = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            jobs.clear();
            jobs().stream().filter(j -> j.has("cycleId") && j.get("cycleId").asLong() == cycleId).forEach(jobs::add);
            return !jobs.isEmpty() && jobs.stream().allMatch(j -> j.get("status").asString().equals("COMPLETED")
                    || j.get("status").asString().equals("FAILED"));
        });
        return jobs;
    }

    /** Waits until no job is pending or running (after a ring change, before damaging replicas on purpose). */
    public static void awaitIdle(Duration atMost) {
        String jobs = url() + "/api/coordinator/jobs?limit=1"; // outside the wait: the first call may start the cluster
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode counts = Http.getJson(jobs).get("counts");
            return counts.get("PENDING").asLong() == 0 && counts.get("RUNNING").asLong() == 0;
        });
    }
}
