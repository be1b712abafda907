package com.logprocessor.gateway.coordinator;

import com.logprocessor.support.security.InternalToken;
import com.logprocessor.support.web.ProblemException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** The gateway's line to the storage coordinator: health probes and forwarded requests. */
@Component
@EnableConfigurationProperties(CoordinatorProperties.class)
public class CoordinatorClient {

    private final CoordinatorProperties properties;
    private final RestClient probes;
    private final RestClient requests;

    public CoordinatorClient(CoordinatorProperties properties, InternalToken token) {
        this.properties = properties;
        this.probes = client(properties.timeout(), token);
        this.requests = client(properties.queryTimeout(), token);
    }

    private RestClient client(Duration readTimeout, InternalToken token) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.timeout()).build());
        factory.setReadTimeout(readTimeout);
        RestClient.Builder builder = RestClient.builder().baseUrl(properties.url().toString()).requestFactory(factory);
        if (token.isPresent()) {
            builder.defaultHeader(InternalToken.HEADER, token.value());
        }
        return builder.build();
    }

    public URI url() {
        return properties.url();
    }

    /** Whether the coordinator says it is ready; false if it does not answer in time. */
    public boolean isReady() {
        try {
            String body = probes.get().uri("/actuator/health/readiness").retrieve().body(String.class);
            return body != null && body.contains("\"UP\"");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Forwards a GET and hands back the coordinator's status, content type and body as they are. */
    public ResponseEntity<String> forwardGet(String pathAndQuery) {
        return forwardGet(URI.create(properties.url() + pathAndQuery));
    }

    /**
     * As {@link #forwardGet(String)}, to a URI built (and encoded) by the caller. A coordinator
     * that does not answer is a 503 problem for the client.
     */
    public ResponseEntity<String> forwardGet(URI target) {
        try {
            return exchange(target);
        } catch (RestClientException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "the storage coordinator at " + properties.url() + " did not answer: " + e.getMessage());
        }
    }

    private ResponseEntity<String> exchange(URI target) {
        return requests.get().uri(target)
                .exchange((request, response) -> {
                    if (response.getStatusCode().value() == 401) {
                        // Not the client's credential (the gateway checked that): this gateway's token is not the coordinator's.
                        throw new ProblemException(HttpStatus.BAD_GATEWAY, "Bad Gateway", "the storage coordinator "
                                + "refused this gateway's internal token: security.internal-token differs between them");
                    }
                    HttpHeaders headers = new HttpHeaders();
                    MediaType type = response.getHeaders().getContentType();
                    headers.setContentType(type != null ? type : MediaType.APPLICATION_JSON);
                    return ResponseEntity.status(response.getStatusCode()).headers(headers)
                            .body(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
                }, false);
    }
}
