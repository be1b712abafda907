package com.logprocessor.bench.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The load generators' HTTP client: blocking calls over pooled keep-alive connections (Apache
 * HttpClient 5), run on {@code concurrency} threads, each request with the cluster's credential
 * ({@link Credentials}). A generator on the machine it measures must cost little: the JDK
 * HttpClient's {@code sendAsync} spent about 0.36 ms of CPU per single-log request, more than the
 * gateway spent serving it, in hand-offs between its selector thread and completion executors;
 * a blocking call on a kept-alive socket is a write and a read.
 */
public final class LoadClient implements AutoCloseable {

    /** A response: its status and body. */
    public record Response(int status, String body) {
    }

    /** A call's outcome: its response or the failure that prevented one. */
    public interface Callback {
        void completed(Response response, Exception failure);
    }

    private final CloseableHttpClient http;
    private final ExecutorService workers;

    public LoadClient(int concurrency, Timeout timeout) {
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(concurrency + 4)
                        .setMaxConnPerRoute(concurrency + 4)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5)).setSocketTimeout(timeout).build())
                        .build())
                .disableAutomaticRetries() // a retried POST would be a second log: errors are counted, not hidden
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "load-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** POSTs a JSON body on a worker thread; {@code callback} runs there when it is answered. */
    public void postAsync(String url, String json, Callback callback) {
        workers.execute(() -> call(post(url, json), callback));
    }

    /** GETs on a worker thread; {@code callback} runs there when it is answered. */
    public void getAsync(String url, Callback callback) {
        workers.execute(() -> call(ClassicRequestBuilder.get(url), callback));
    }

    /** A blocking GET on the calling thread. */
    public Response get(String url) throws IOException {
        return execute(ClassicRequestBuilder.get(url));
    }

    private static ClassicRequestBuilder post(String url, String json) {
        return ClassicRequestBuilder.post(url).setEntity(new ByteArrayEntity(
                json.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
    }

    private void call(ClassicRequestBuilder request, Callback callback) {
        Response response;
        try {
            response = execute(request);
        } catch (IOException | RuntimeException e) {
            callback.completed(null, e);
            return;
        }
        callback.completed(response, null);
    }

    private Response execute(ClassicRequestBuilder builder) throws IOException {
        Credentials.header(builder.getUri())
                .ifPresent(h -> builder.addHeader(h.name(), h.value()));
        ClassicHttpRequest request = builder.build();
        return http.execute(request, r -> new Response(r.getCode(),
                r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
    }

    @Override
    public void close() throws IOException {
        workers.shutdownNow();
        http.close();
    }
}
