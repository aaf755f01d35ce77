package io.mooring.simulator.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole stack's part of the benchmark (bin/bench-stack, issue #15), against a running local stack:
 * <ul>
 * <li>{@code token}: signs in at the stack's built-in identity provider as a console would (authorization code with
 * PKCE, the development sign-in: a role and projects, no password) and prints the access token;</li>
 * <li>{@code imports}: {@code --imports} clusters imported through the gateway by {@code --clients} [16] parallel
 * clients (each waits for its answer before sending the next, as a script does), timed; writes the imported
 * clusters' ids and agent tokens (minted with the stack's agent key) for the load driver, and the figures.</li>
 * </ul>
 * <pre>
 * StackBench token --issuer=http://127.0.0.1:18486 --gateway=http://127.0.0.1:18480 --role=operator --project=bench
 * StackBench imports --gateway=... --token=... --imports=10000 --agent-key=PEM --tokens-out=FILE --summary=FILE
 * </pre>
 */
public final class StackBench {

    private static final Pattern CLUSTER_ID = Pattern.compile("\"cluster\"\\s*:\\s*\\{[^}]*?\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private StackBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            o.put(args[i].substring(2, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        StackBench bench = new StackBench();
        switch (args.length == 0 ? "" : args[0]) {
            case "token" -> System.out.println(bench.signIn(URI.create(o.get("issuer")), o.get("gateway"),
                    o.getOrDefault("role", "operator"), o.getOrDefault("project", "bench")));
            case "imports" -> bench.imports(o);
            default -> throw new IllegalArgumentException("usage: StackBench token|imports --name=value ...");
        }
        System.exit(0);
    }

    /** The development sign-in's authorization code flow with PKCE (S256), redirecting to the gateway's origin. */
    String signIn(URI issuer, String gateway, String role, String project) throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = gateway + "/";
        HttpResponse<String> authorized = http.send(form(issuer.resolve("/authorize"), Map.of("response_type", "code",
                "client_id", "mooring", "redirect_uri", redirect, "code_challenge", challenge,
                "code_challenge_method", "S256", "role", role, "projects", project)), HttpResponse.BodyHandlers.ofString());
        String location = authorized.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("sign-in refused: " + authorized.statusCode() + " "
                        + authorized.body()));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!code.find()) {
            throw new IllegalStateException("no code in " + location);
        }
        HttpResponse<String> token = http.send(form(issuer.resolve("/token"), Map.of("grant_type", "authorization_code",
                "code", java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "client_id", "mooring",
                "redirect_uri", redirect, "code_verifier", verifier)), HttpResponse.BodyHandlers.ofString());
        Matcher access = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(token.body());
        if (token.statusCode() != 200 || !access.find()) {
            throw new IllegalStateException("no token: " + token.statusCode() + " " + token.body());
        }
        return access.group(1);
    }

    private void imports(Map<String, String> o) throws Exception {
        URI gateway = URI.create(o.get("gateway"));
        String token = o.get("token");
        int n = Integer.parseInt(o.getOrDefault("imports", "1000"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "16"));
        String project = o.getOrDefault("project", "bench");
        List<UUID> imported = Collections.synchronizedList(new ArrayList<>(n));
        Map<String, LongAdder> failures = new java.util.concurrent.ConcurrentHashMap<>();
        LoadDriver.Latencies latency = new LoadDriver.Latencies(n);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    String body = "{\"name\":\"bench-" + i + "\",\"project\":\"" + project + "\",\"cloudType\":\"generic\","
                            + "\"importMode\":\"read-only\",\"labels\":{\"bench\":\"true\",\"tier\":\"t" + (i % 4) + "\"}}";
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/clusters"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        Matcher id = CLUSTER_ID.matcher(r.body());
                        if (r.statusCode() == 201 && id.find()) {
                            imported.add(UUID.fromString(id.group(1)));
                            latency.add(System.nanoTime() - t0);
                        } else {
                            failures.computeIfAbsent(String.valueOf(r.statusCode()), k -> new LongAdder()).increment();
                            if (failures.values().stream().mapToLong(LongAdder::sum).sum() == 1) {
                                System.out.println("First failed import: " + r.statusCode() + " " + r.body());
                            }
                        }
                    } catch (Exception e) {
                        failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        long ms = (System.nanoTime() - started) / 1_000_000;
        long failed = failures.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf("Imported %d of %d clusters through the gateway with %d clients in %d ms (%.0f/s); "
                        + "latency p50 %.1f ms, p99 %.1f ms; failed %d %s%n", imported.size(), n, clients, ms,
                imported.size() * 1000.0 / ms, latency.percentile(50), latency.percentile(99), failed, failures);
        PrivateKey agentKey = AgentTokens.readKey(Path.of(o.get("agent-key")));
        StringBuilder tokens = new StringBuilder();
        for (UUID id : imported) {
            tokens.append(id).append(' ').append(AgentTokens.mint(agentKey, AgentTokens.AGENT_KEY_ID, "mooring-registry",
                    id, Duration.ofHours(3))).append('\n');
        }
        Files.writeString(Path.of(o.get("tokens-out")), tokens);
        Files.writeString(Path.of(o.get("summary")), String.join("\n", "stack_clusters=" + imported.size(),
                "imports=" + imported.size(), "imports_clients=" + clients, "imports_ms=" + ms,
                "imports_failed=" + failed, String.format(java.util.Locale.ROOT, "imports_per_s=%.1f",
                        imported.size() * 1000.0 / ms),
                String.format(java.util.Locale.ROOT, "imports_p99_ms=%.1f", latency.percentile(99))) + "\n");
    }

    private static HttpRequest form(URI uri, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }
}
