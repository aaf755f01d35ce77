package io.mooring.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A minimal OpenID Connect issuer over HTTP: the discovery document at
 * {@code <issuer>/.well-known/openid-configuration} and the key set it names ({@code jwks_uri}), nothing else.
 * The services find their user-token keys through it exactly as through a real provider (Keycloak, Entra ID,
 * Okta). The local stack runs one as its built-in identity provider; tests run one to rotate keys under a
 * running service. It signs no tokens itself: {@link Tokens} signs them with the private halves. With
 * {@link #enableDevelopmentSignIn} it also answers the authorization-code flow with PKCE for the web console: a form
 * picking a role and projects, no password, for the local stack only.
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
    private volatile DevelopmentSignIn signIn;
    private volatile BiFunction<String, List<String>, String> tokenFor;

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

    /**
     * Adds {@code /authorize} (a form: role and projects) and {@code /token} (the code and its PKCE verifier for a
     * token of {@code tokenFor(role, projects)}), and names them in the discovery document. Codes go back only to
     * redirect URIs starting with one of {@code redirectUriPrefixes}.
     */
    public OidcIssuer enableDevelopmentSignIn(List<String> redirectUriPrefixes,
            BiFunction<String, List<String>, String> tokenFor) {
        this.tokenFor = tokenFor;
        this.signIn = new DevelopmentSignIn(redirectUriPrefixes);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            // The console reads discovery and redeems its code from another origin (the gateway's).
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            if (signIn != null && path.equals("/authorize")) {
                authorize(exchange);
                return;
            }
            if (signIn != null && path.equals("/token")) {
                token(exchange);
                return;
            }
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
        String endpoints = signIn == null ? "" : """
                "authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",\
                "grant_types_supported":["authorization_code"],"code_challenge_methods_supported":["S256"],\
                "token_endpoint_auth_methods_supported":["none"],""".formatted(issuer);
        return """
                {"issuer":"%1$s","jwks_uri":"%1$s/jwks",%2$s"response_types_supported":["code"],\
                "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}"""
                .formatted(issuer, endpoints);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        boolean submitted = exchange.getRequestMethod().equals("POST");
        Map<String, String> params = form(submitted
                ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                : exchange.getRequestURI().getRawQuery());
        String redirectUri = params.get("redirect_uri");
        if (!"code".equals(params.get("response_type")) || params.get("client_id") == null
                || !signIn.allowsRedirectTo(redirectUri) || params.get("code_challenge") == null
                || !"S256".equals(params.get("code_challenge_method"))) {
            // Never redirect a refused request: the redirect URI itself may be what is wrong.
            send(exchange, 400, "text/plain; charset=utf-8", "This sign-in needs response_type=code, a client_id, a"
                    + " redirect_uri of the console and a code_challenge with code_challenge_method=S256.");
            return;
        }
        if (!submitted) {
            send(exchange, 200, "text/html; charset=utf-8", signInPage(params));
            return;
        }
        String role = params.getOrDefault("role", "");
        if (!List.of("viewer", "operator", "admin").contains(role)) {
            send(exchange, 400, "text/plain; charset=utf-8", "Choose a role: viewer, operator or admin.");
            return;
        }
        List<String> projects = Arrays.stream(params.getOrDefault("projects", "").split("[,\\s]+"))
                .filter(p -> !p.isBlank()).toList();
        String code = signIn.issue(new DevelopmentSignIn.Grant(params.get("client_id"), redirectUri,
                params.get("code_challenge"), role, projects, Instant.now().plus(DevelopmentSignIn.CODE_LIFETIME)));
        String state = params.get("state");
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + encode(code)
                + (state == null ? "" : "&state=" + encode(state));
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, 405, "application/json", "{\"error\":\"invalid_request\"}");
            return;
        }
        Map<String, String> params = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"authorization_code".equals(params.get("grant_type"))) {
            send(exchange, 400, "application/json", "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        var grant = signIn.redeem(params.get("code"), params.get("client_id"), params.get("redirect_uri"),
                params.get("code_verifier"), Instant.now());
        if (grant.isEmpty()) {
            send(exchange, 400, "application/json", """
                    {"error":"invalid_grant","error_description":"The code is unknown, spent or expired, or the\
                     client, redirect URI or code verifier differ from the authorization request."}""");
            return;
        }
        String accessToken = tokenFor.apply(grant.get().role(), grant.get().projects());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, "application/json",
                "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\"}");
    }

    private static String signInPage(Map<String, String> params) {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("response_type", "client_id", "redirect_uri", "state", "code_challenge",
                "code_challenge_method", "scope")) {
            if (params.get(name) != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(html(params.get(name))).append("\">");
            }
        }
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mooring development sign-in</title>
                <style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto}label{display:block;margin:1rem 0 .25rem}
                input,select,button{font-size:1rem;padding:.3rem}</style></head><body><main>
                <h1>Mooring development sign-in</h1>
                <p>The local stack's built-in identity provider: choose who to be. There is no password; never use it
                beyond your own machine.</p>
                <form method="post" action="/authorize">%s
                <label for="role">Role</label>
                <select id="role" name="role"><option value="viewer">viewer</option>
                <option value="operator" selected>operator</option><option value="admin">admin</option></select>
                <label for="projects">Projects (separated by commas)</label>
                <input id="projects" name="projects" value="demo">
                <p><button type="submit" id="sign-in">Sign in</button></p>
                </form></main></body></html>""".formatted(hidden);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int at = pair.indexOf('=');
            String name = URLDecoder.decode(at < 0 ? pair : pair.substring(0, at), StandardCharsets.UTF_8);
            values.putIfAbsent(name, at < 0 ? "" : URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String html(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
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
