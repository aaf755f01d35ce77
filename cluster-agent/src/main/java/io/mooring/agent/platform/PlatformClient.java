package io.mooring.agent.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.agent.platform.PlatformException.Kind;
import io.mooring.events.addons.DesiredState;
import io.mooring.events.addons.StatusReport;
import io.mooring.events.agent.AgentCredential;
import io.mooring.events.agent.AgentStatus;
import io.mooring.events.agent.AgentStatusReply;
import io.mooring.events.agent.EventBatch;
import io.mooring.events.agent.Heartbeat;
import io.mooring.events.agent.InventoryReport;
import io.mooring.events.agent.RefreshRequest;
import io.mooring.events.agent.RegisterRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * The platform's agent endpoints, all under the platform URL (the gateway), over the JDK HTTP client with a
 * connect and a request timeout, directly or through an HTTPS proxy and trusting a CA bundle besides the JVM's
 * CAs ({@link PlatformTransport}). Blocking: call it from the agent's worker threads, never from an event loop.
 * Non-2xx answers become {@link PlatformException}s whose kind says whether to retry, and for a 429 or 503 with
 * {@code Retry-After}, when (the agent's loops wait at least that long before they send that kind of call again).
 */
public final class PlatformClient {

    public static final String REGISTER = "/api/v1/agent/register";
    public static final String TOKEN = "/api/v1/agent/token";
    public static final String STATUS = "/api/v1/agent/status";
    public static final String HEARTBEAT = "/api/v1/agent/reports/heartbeat";
    public static final String INVENTORY = "/api/v1/agent/reports/inventory";
    public static final String EVENTS = "/api/v1/agent/reports/events";
    public static final String ADDONS = "/api/v1/agent/addons";
    public static final String ADDONS_STATUS = "/api/v1/agent/addons/status";

    /**
     * The longest {@code Retry-After} honoured: a platform (or a proxy in front of it) that asks for hours is
     * misconfigured, and an agent silent for that long would show its cluster Disconnected.
     */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    /** The desired state, or {@code notModified} when the ETag still matches. */
    public record DesiredAnswer(DesiredState state, String etag, boolean notModified) {
    }

    /** How large the last report bodies were, for logs and measurements. */
    public record SentBody(String path, long bytes) {
    }

    private final URI base;
    private final HttpClient http;
    private final PlatformTransport transport;
    private final Duration requestTimeout;
    private volatile boolean gzip;
    private final ObjectMapper json;
    private final String userAgent;
    private volatile SentBody lastInventoryBody;

    public PlatformClient(URI base, Duration connectTimeout, Duration requestTimeout, boolean gzip, ObjectMapper json, String agentVersion) {
        this(base, PlatformTransport.DIRECT, connectTimeout, requestTimeout, gzip, json, agentVersion);
    }

    /** A client that reaches the platform as {@code transport} says (proxy, no-proxy hosts, extra CAs). */
    public PlatformClient(URI base, PlatformTransport transport, Duration connectTimeout, Duration requestTimeout, boolean gzip,
            ObjectMapper json, String agentVersion) {
        String url = base.toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (transport.proxySelector() != null) {
            builder.proxy(transport.proxySelector());
        }
        if (transport.sslContext() != null) {
            builder.sslContext(transport.sslContext());
        }
        this.http = builder.build();
        this.transport = transport;
        this.requestTimeout = requestTimeout;
        this.gzip = gzip;
        this.json = json;
        this.userAgent = "mooring-agent/" + agentVersion;
    }

    public URI base() {
        return base;
    }

    /** How the platform is reached (proxy, extra CAs). */
    public PlatformTransport transport() {
        return transport;
    }

    public AgentCredential register(RegisterRequest request) {
        return read(post(REGISTER, null, request, false), AgentCredential.class);
    }

    public AgentCredential refresh(RefreshRequest request) {
        return read(post(TOKEN, null, request, false), AgentCredential.class);
    }

    public AgentStatusReply status(String token, AgentStatus status) {
        return read(post(STATUS, token, status, false), AgentStatusReply.class);
    }

    public void heartbeat(String token, Heartbeat heartbeat) {
        post(HEARTBEAT, token, heartbeat, false);
    }

    public void inventory(String token, InventoryReport report) {
        postReport(INVENTORY, token, report);
    }

    public void events(String token, EventBatch batch) {
        postReport(EVENTS, token, batch);
    }

    /** Whether report bodies still go gzip-compressed (false once the platform refused a compressed body). */
    public boolean gzip() {
        return gzip;
    }

    /**
     * A report, gzip-compressed when enabled. A platform that cannot read compressed bodies answers 400 or 415:
     * the report is sent again uncompressed and compression stays off from then on.
     */
    private void postReport(String path, String token, Object body) {
        if (!gzip) {
            post(path, token, body, false);
            return;
        }
        try {
            post(path, token, body, true);
        } catch (PlatformException e) {
            if (e.status() != 400 && e.status() != 415) {
                throw e;
            }
            post(path, token, body, false);
            gzip = false;
            Logger.getLogger(PlatformClient.class).infof(
                    "The platform did not take a gzip-compressed report (%d); sending reports uncompressed from now on", e.status());
        }
    }

    public DesiredAnswer desiredState(String token, String etag) {
        HttpRequest.Builder request = request(ADDONS, token).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<byte[]> response = send(request.build(), ADDONS);
        String tag = response.headers().firstValue("ETag").orElse(null);
        if (response.statusCode() == 304) {
            return new DesiredAnswer(null, tag == null ? etag : tag, true);
        }
        return new DesiredAnswer(read(response, DesiredState.class), tag, false);
    }

    public void addonStatus(String token, StatusReport report) {
        post(ADDONS_STATUS, token, report, false);
    }

    public SentBody lastInventoryBody() {
        return lastInventoryBody;
    }

    // ---------------------------------------------------------------- HTTP

    private HttpResponse<byte[]> post(String path, String token, Object body, boolean compress) {
        byte[] bytes = serialise(body, compress);
        if (INVENTORY.equals(path)) {
            lastInventoryBody = new SentBody(path, bytes.length);
        }
        HttpRequest.Builder request = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (compress) {
            request.header("Content-Encoding", "gzip");
        }
        return send(request.build(), path);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", userAgent);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<byte[]> send(HttpRequest request, String path) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PlatformException(Kind.UNREACHABLE, 0, path + ": platform unreachable: " + describe(e, transport), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(Kind.UNREACHABLE, 0, path + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300 || status == 304) {
            return response;
        }
        Duration retryAfter = status == 429 || status == 503
                ? retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now())
                : null;
        throw new PlatformException(PlatformException.kindOf(status), status, path + " answered " + status + problem(response)
                + (retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + " s)"), null, retryAfter);
    }

    /**
     * A {@code Retry-After} value (delay-seconds or an HTTP date) as a wait from {@code now}, capped at
     * {@link #MAX_RETRY_AFTER}; null when absent, unreadable or already over.
     */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        if (wait.isNegative() || wait.isZero()) {
            return null;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    private byte[] serialise(Object body, boolean compress) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
            if (compress) {
                try (OutputStream out = new GZIPOutputStream(bytes, 65536)) {
                    json.writeValue(out, body);
                }
            } else {
                json.writeValue(bytes, body);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(HttpResponse<byte[]> response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new PlatformException(Kind.UNAVAILABLE, response.statusCode(),
                    response.uri().getPath() + ": unreadable answer: " + e.getMessage(), e);
        }
    }

    private String problem(HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode problem = json.readTree(body);
            String detail = problem.path("detail").asText(problem.path("title").asText(""));
            StringBuilder text = new StringBuilder(detail.isEmpty() ? "" : ": " + detail);
            for (JsonNode error : problem.path("errors")) {
                text.append("; ").append(error.path("field").asText()).append(' ').append(error.path("message").asText());
            }
            return text.toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * What went wrong, in words an operator can act on: an untrusted certificate names the CA bundle setting, a
     * refused tunnel names the proxy.
     */
    static String describe(IOException e, PlatformTransport transport) {
        String message = e.getMessage();
        String plain = e.getClass().getSimpleName() + (message == null ? "" : " " + message);
        if (untrustedCertificate(e)) {
            return "TLS handshake failed: the platform's certificate is not trusted (" + plain + "). A platform whose"
                    + " certificate comes from a private CA needs that CA in the agent's CA bundle (the cluster's"
                    + " agentNetwork.caBundle, mounted as MOORING_PLATFORM_CA_BUNDLE)"
                    + (transport.bundleCertificates() == 0 ? "; this agent has none" : "; the agent's bundle of "
                            + transport.bundleCertificates() + " certificate(s) does not vouch for it either");
        }
        if (e instanceof SSLException) {
            return "TLS handshake failed (" + plain + ")";
        }
        if (message != null && message.startsWith("Tunnel failed")) {
            return "the HTTPS proxy " + transport.proxy() + " refused the tunnel to the platform (" + plain + ")";
        }
        return plain;
    }

    private static boolean untrustedCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }
}
