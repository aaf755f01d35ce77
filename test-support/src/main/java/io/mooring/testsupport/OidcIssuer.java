package io.mooring.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A minimal OpenID Connect issuer over HTTP: the discovery document at
 * {@code <issuer>/.well-known/openid-configuration} and the key set it names ({@code jwks_uri}), nothing else.
 * The services find their user-token keys through it exactly as through a real provider (Keycloak, Entra ID,
 * Okta). The local stack runs one as its built-in identity provider; tests run one to rotate keys under a
 * running service. It issues no tokens itself: {@link Tokens} signs them with the private halves.
 */
public final class OidcIssuer implements AutoCloseable {

    private static OidcIssuer shared;

    private final HttpServer server;
    private final String issuer;
    /** Published keys by key id, in publication order (a provider lists the newest key wherever it likes). */
    private final Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final AtomicInteger keySetRequests = new AtomicInteger();
    /** A key set served as it is, instead of {@link #keys}. */
    private volatile String fixedKeySet;

    private OidcIssuer(HttpServer server) {
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "oidc-issuer");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /**
     * Serves a key set file (KeyMaterial's {@code jwks.json}) as an issuer's keys on 127.0.0.1 at {@code port}, and
     * the same set at {@code /agent/jwks.json}, for tools that run a service outside the tests (bin/load-health).
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: OidcIssuer <port> <jwks.json>");
        }
        OidcIssuer issuer = start(Integer.parseInt(args[0]));
        String keySet = java.nio.file.Files.readString(java.nio.file.Path.of(args[1]));
        issuer.fixedKeySet = keySet;
        issuer.serve("/agent/jwks.json", keySet);
        System.out.println("READY " + issuer.issuer());
        Thread.currentThread().join();
    }

    /** An issuer on 127.0.0.1 at {@code port} (0: any free port), publishing no key yet. */
    public static OidcIssuer start(int port) {
        try {
            return new OidcIssuer(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One issuer per JVM for the tests, publishing {@link KeyMaterial#shared()}'s user key, and standing in for the
     * registry's agent key set at {@link #agentKeySetUrl()} (services other than the registry fetch that by URL).
     */
    public static synchronized OidcIssuer shared() {
        if (shared == null) {
            KeyMaterial keys = KeyMaterial.shared();
            OidcIssuer started = start(0);
            started.publish(KeyMaterial.USER_KEY_ID, keys.userPublicKey());
            started.serve("/registry/api/v1/agent/jwks.json",
                    keySet(Map.of(KeyMaterial.AGENT_KEY_ID, keys.agentPublicKey())));
            shared = started;
        }
        return shared;
    }

    /** The issuer URL: what tokens carry in {@code iss}, and what a service is configured with. */
    public String issuer() {
        return issuer;
    }

    /** Where {@link #shared()} serves the agent key set, as the registry does at {@code /api/v1/agent/jwks.json}. */
    public String agentKeySetUrl() {
        return issuer + "/registry/api/v1/agent/jwks.json";
    }

    /** Adds a key to the published set (a provider announcing its next key). */
    public synchronized OidcIssuer publish(String keyId, RSAPublicKey key) {
        keys.put(keyId, key);
        return this;
    }

    /** Removes a key from the published set (a provider retiring a key). */
    public synchronized OidcIssuer withdraw(String keyId) {
        keys.remove(keyId);
        return this;
    }

    /** How often the key set was fetched: a service asks again only when it meets a key it does not know. */
    public int keySetRequests() {
        return keySetRequests.get();
    }

    /** Serves a further JSON document at {@code path}. */
    public void serve(String path, String json) {
        documents.put(path, json);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body;
            if (path.equals("/.well-known/openid-configuration")) {
                body = discovery();
            } else if (path.equals("/jwks")) {
                keySetRequests.incrementAndGet();
                synchronized (this) {
                    body = fixedKeySet != null ? fixedKeySet : keySet(keys);
                }
            } else {
                body = documents.get(path);
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String discovery() {
        return """
                {"issuer":"%1$s","jwks_uri":"%1$s/jwks","response_types_supported":["code"],\
                "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}"""
                .formatted(issuer);
    }

    /** A JSON Web Key Set (RFC 7517) of RSA signing keys. */
    public static String keySet(Map<String, RSAPublicKey> keys) {
        return keys.entrySet().stream().map(e -> jwk(e.getKey(), e.getValue()))
                .collect(Collectors.joining(",", "{\"keys\":[", "]}\n"));
    }

    private static String jwk(String kid, RSAPublicKey key) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
