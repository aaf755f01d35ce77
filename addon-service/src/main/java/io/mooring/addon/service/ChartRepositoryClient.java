package io.mooring.addon.service;

import io.mooring.addon.config.AddonConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.mooring.addon.domain.BoundedYaml;

/**
 * Downloads one chart version from an HTTP(S) chart repository the way Helm resolves it: {@code index.yaml} at
 * the repository URL, the entry of the chart at exactly that version, its first URL (relative to the repository
 * or absolute), and a check of the archive against the entry's digest. Blocking, and bounded: each download in
 * time (connect, answer and body) and in bytes.
 */
@ApplicationScoped
public class ChartRepositoryClient {

    /** Redirects followed per download, each checked like the first address. */
    static final int MAX_REDIRECTS = 5;

    private final AddonConfig config;
    private final ChartHosts hosts;
    private final HttpClient http;

    public ChartRepositoryClient(AddonConfig config, ChartHosts hosts) {
        this.config = config;
        this.hosts = hosts;
        // Redirects are followed here, not by the client, so that each hop passes the host check.
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.charts().connectTimeout().compareTo(config.charts().downloadTimeout()) < 0
                        ? config.charts().connectTimeout() : config.charts().downloadTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public byte[] fetch(String repository, String chart, String version) {
        URI base = URI.create(repository.endsWith("/") ? repository : repository + "/");
        URI indexUri = base.resolve("index.yaml");
        // One deadline for everything this fetch downloads: the index, the archive and any redirects.
        long deadline = System.nanoTime() + config.charts().downloadTimeout().toNanos();
        byte[] indexBytes = get(indexUri, config.charts().maxIndexSize().asLongValue(), "index.yaml of " + repository,
                deadline);
        Map<String, Object> entry = entry(indexBytes, repository, chart, version);
        Object urls = entry.get("urls");
        if (!(urls instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof String url)) {
            throw ChartException.fetch("the index of " + repository + " has no download URL for chart '" + chart
                    + "' version " + version);
        }
        URI archiveUri;
        try {
            archiveUri = base.resolve(url);
        } catch (IllegalArgumentException e) {
            throw ChartException.fetch("the index of " + repository + " has an invalid URL for chart '" + chart
                    + "' version " + version + ": " + url);
        }
        byte[] archive = get(archiveUri, config.charts().maxArchiveSize().asLongValue(),
                "chart '" + chart + "' version " + version, deadline);
        if (entry.get("digest") instanceof String digest && !digest.isBlank()) {
            String actual = Sha256.hex(archive);
            if (!actual.equalsIgnoreCase(digest.strip())) {
                throw ChartException.fetch("chart '" + chart + "' version " + version + " from " + repository
                        + " does not match the digest in the repository's index");
            }
        }
        return archive;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> entry(byte[] indexBytes, String repository, String chart, String version) {
        Object index;
        try {
            // The index is the chart host's text: bounded like every other YAML this service did not write.
            int limit = (int) Math.min(Integer.MAX_VALUE, config.charts().maxIndexSize().asLongValue());
            index = new BoundedYaml(limit, 2_000_000, 2L * limit).load(new String(indexBytes, StandardCharsets.UTF_8),
                    true);
        } catch (RuntimeException e) {
            throw ChartException.fetch("the index.yaml of " + repository + " is not readable: " + e.getMessage());
        }
        if (!(index instanceof Map<?, ?> root) || !(root.get("entries") instanceof Map<?, ?> entries)) {
            throw ChartException.fetch(repository + " does not serve a Helm chart repository index");
        }
        if (!(entries.get(chart) instanceof List<?> versions)) {
            throw ChartException.fetch("chart '" + chart + "' is not in the repository " + repository);
        }
        for (Object candidate : versions) {
            if (candidate instanceof Map<?, ?> map && version.equals(String.valueOf(map.get("version")))) {
                return (Map<String, Object>) map;
            }
        }
        throw ChartException.fetch("chart '" + chart + "' has no version " + version + " in the repository "
                + repository);
    }

    private byte[] get(URI first, long limit, String what, long deadline) {
        URI uri = first;
        for (int hop = 0; ; hop++) {
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw ChartException.fetch(what + " is not served over HTTP(S): " + uri);
            }
            hosts.check(uri);
            HttpRequest request;
            try {
                request = HttpRequest.newBuilder(uri).timeout(config.charts().downloadTimeout()).GET().build();
            } catch (IllegalArgumentException e) {
                throw ChartException.fetch(what + " has an address that cannot be downloaded: " + uri);
            }
            HttpResponse<byte[]> response = send(request, limit, what, uri, deadline);
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null || hop >= MAX_REDIRECTS) {
                    throw ChartException.fetch(what + " could not be downloaded: " + uri + " redirects "
                            + (location == null ? "without a Location" : "more than " + MAX_REDIRECTS + " times"));
                }
                try {
                    uri = uri.resolve(location.strip());
                } catch (IllegalArgumentException e) {
                    throw ChartException.fetch(what + " could not be downloaded: " + uri + " redirects to " + location);
                }
                continue;
            }
            if (status != 200) {
                throw ChartException.fetch(what + " could not be downloaded: " + uri + " answered HTTP " + status);
            }
            return response.body();
        }
    }

    /**
     * One request, all of it (connect, answer, body) before the deadline: the request's own timeout ends with the
     * response headers, so a host that then trickles its body would otherwise hold the worker for ever. The body is
     * read only for a 200, and only up to {@code limit} bytes.
     */
    private HttpResponse<byte[]> send(HttpRequest request, long limit, String what, URI uri, long deadline) {
        Duration timeout = config.charts().downloadTimeout();
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw ChartException.fetch(what + " could not be downloaded from " + uri + " within "
                    + timeout.toSeconds() + " s");
        }
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, info -> info.statusCode() == 200
                ? new LimitedBody(limit)
                : HttpResponse.BodySubscribers.replacing(null));
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ChartException.fetch(what + " could not be downloaded from " + uri + " within "
                    + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof LimitedBody.TooLarge) {
                throw ChartException.fetch(what + " is larger than the limit of " + limit + " bytes");
            }
            throw ChartException.fetch(what + " could not be downloaded from " + uri + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw ChartException.fetch(what + " could not be downloaded: interrupted");
        }
    }

    /** Collects a body up to a number of bytes; beyond it, cancels the download and fails with {@link TooLarge}. */
    static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        static final class TooLarge extends IOException {
            TooLarge() {
                super("body larger than the limit");
            }
        }

        private final long limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > limit) {
                    subscription.cancel();
                    body.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
