package io.mooring.addon.service;

import io.mooring.addon.config.AddonConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import io.mooring.addon.domain.BoundedYaml;

/**
 * Downloads one chart version from an HTTP(S) chart repository the way Helm resolves it: {@code index.yaml} at
 * the repository URL, the entry of the chart at exactly that version, its first URL (relative to the repository
 * or absolute), and a check of the archive against the entry's digest. Blocking.
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
                .connectTimeout(config.charts().downloadTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public byte[] fetch(String repository, String chart, String version) {
        URI base = URI.create(repository.endsWith("/") ? repository : repository + "/");
        URI indexUri = base.resolve("index.yaml");
        byte[] indexBytes = get(indexUri, config.charts().maxIndexSize().asLongValue(), "index.yaml of " + repository);
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
                "chart '" + chart + "' version " + version);
        if (entry.get("digest") instanceof String digest && !digest.isBlank()) {
            String actual = JsonCodec.sha256(archive);
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

    private byte[] get(URI first, long limit, String what) {
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
            HttpResponse<InputStream> response = send(request, what, uri);
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                close(response);
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
            return read(response, limit, what, uri);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request, String what, URI uri) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw ChartException.fetch(what + " could not be downloaded from " + uri + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChartException.fetch(what + " could not be downloaded: interrupted");
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // The redirect's body is not needed; a failure to close it leaves nothing to clean up.
        }
    }

    private static byte[] read(HttpResponse<InputStream> response, long limit, String what, URI uri) {
        try {
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw ChartException.fetch(what + " could not be downloaded: " + uri + " answered HTTP "
                            + response.statusCode());
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (bytes.length > limit) {
                    throw ChartException.fetch(what + " is larger than the limit of " + limit + " bytes");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw ChartException.fetch(what + " could not be downloaded from " + uri + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
