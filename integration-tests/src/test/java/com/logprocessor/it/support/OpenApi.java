package com.logprocessor.it.support;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The operations a running service documents in its OpenAPI docs ({@code /v3/api-docs}, open on
 * every service): what the security and fuzz tests walk, so an endpoint added later is covered
 * without anyone remembering to list it.
 */
public final class OpenApi {

    /** One documented parameter: where it goes ({@code path}, {@code query}, {@code header}) and its schema type. */
    public record Parameter(String name, String in, boolean required, String type) {
    }

    /** One operation of one service. */
    public record Operation(String service, String baseUrl, String method, String path, List<Parameter> parameters,
                            List<String> bodyTypes) {

        public boolean hasBody() {
            return !bodyTypes.isEmpty();
        }

        public List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        /** The path with each variable replaced by {@code value(parameter)}, already URL-encoded. */
        public String path(java.util.function.Function<Parameter, String> value) {
            String result = path;
            for (Parameter p : in("path")) {
                result = result.replace("{" + p.name() + "}", value.apply(p));
            }
            return result;
        }

        @Override
        public String toString() {
            return service + " " + method + " " + path;
        }
    }

    private OpenApi() {
    }

    /** The operations of the service at {@code baseUrl}, read without credentials (the docs are open). */
    public static List<Operation> operations(String service, String baseUrl) {
        HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl + "/v3/api-docs")).GET().build());
        if (response.statusCode() != 200) {
            throw new AssertionError(service + " /v3/api-docs answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode docs = Http.json(response);
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    parameters.add(new Parameter(p.path("name").asString(), p.path("in").asString(),
                            p.path("required").asBoolean(false), p.path("schema").path("type").asString("string")));
                }
                List<String> bodyTypes = new ArrayList<>();
                op.getValue().path("requestBody").path("content").properties().forEach(c -> bodyTypes.add(c.getKey()));
                operations.add(new Operation(service, baseUrl, op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(parameters), List.copyOf(bodyTypes)));
            }
        }
        return operations;
    }

    /** Every running service of the test cluster and its operations. */
    public static List<Operation> ofTestCluster() {
        List<Operation> all = new ArrayList<>();
        for (String service : List.of(TestCluster.GATEWAY, TestCluster.COORDINATOR, "storage-node-1", TestCluster.MERKLE,
                TestCluster.ANTI_ENTROPY, TestCluster.READ_REPAIR, TestCluster.HINT_MANAGER)) {
            all.addAll(operations(service, TestCluster.get().url(service)));
        }
        return all;
    }
}
