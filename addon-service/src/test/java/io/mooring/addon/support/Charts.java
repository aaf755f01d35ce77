package io.mooring.addon.support;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The test charts (src/test/resources/charts), packaged by Helm itself, and a local HTTP chart repository serving
 * them: {@code index.yaml} plus the archives, on a free port of the loopback interface.
 */
public final class Charts {

    private static Charts shared;

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, byte[]> archives = new ConcurrentHashMap<>();
    private final HttpServer server;

    private Charts() throws IOException {
        Path packaged = Files.createTempDirectory("mooring-test-charts-");
        for (String chart : List.of("demo", "broken", "secretive", "large")) {
            Path source = copy(resource("charts/" + chart), packaged.resolve("src").resolve(chart));
            new Helm(source).packageIt().withDestination(packaged).call();
        }
        try (Stream<Path> tgz = Files.list(packaged)) {
            for (Path archive : tgz.filter(p -> p.toString().endsWith(".tgz")).toList()) {
                byte[] bytes = Files.readAllBytes(archive);
                archives.put(archive.getFileName().toString(), bytes);
                files.put("/charts/" + archive.getFileName(), bytes);
            }
        }
        files.put("/index.yaml", index().getBytes());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", this::registry);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /**
     * Just enough of the OCI distribution API for Helm to pull {@code charts/demo:0.1.0}: the version check, the
     * tag list, the manifest (by tag or digest) and the two blobs (Helm's config and the chart archive).
     */
    private void registry(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] chart = archives.get("demo-0.1.0.tgz");
        byte[] config = "{\"name\":\"demo\",\"version\":\"0.1.0\",\"apiVersion\":\"v2\"}".getBytes();
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
                "config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"sha256:%s","size":%d},\
                "layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip",\
                "digest":"sha256:%s","size":%d}]}""".formatted(sha256(config), config.length, sha256(chart),
                chart.length);
        byte[] manifestBytes = manifest.getBytes();
        String manifestDigest = "sha256:" + sha256(manifestBytes);
        String repo = "/v2/charts/demo/";
        if (path.equals("/v2/") || path.equals("/v2")) {
            respond(exchange, "application/json", "{}".getBytes(), null);
        } else if (path.equals(repo + "tags/list")) {
            respond(exchange, "application/json", "{\"name\":\"charts/demo\",\"tags\":[\"0.1.0\"]}".getBytes(), null);
        } else if (path.equals(repo + "manifests/0.1.0") || path.equals(repo + "manifests/" + manifestDigest)) {
            respond(exchange, "application/vnd.oci.image.manifest.v1+json", manifestBytes, manifestDigest);
        } else if (path.equals(repo + "blobs/sha256:" + sha256(config))) {
            respond(exchange, "application/vnd.cncf.helm.config.v1+json", config, "sha256:" + sha256(config));
        } else if (path.equals(repo + "blobs/sha256:" + sha256(chart))) {
            respond(exchange, "application/vnd.cncf.helm.chart.content.v1.tar+gzip", chart, "sha256:" + sha256(chart));
        } else {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] body = "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"not found\"}]}".getBytes();
            exchange.sendResponseHeaders(404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, String type, byte[] body, String digest)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
        if (digest != null) {
            exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
        }
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(200, -1);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /** The OCI reference of the demo chart in this server's registry. */
    public String ociReference() {
        return "oci://127.0.0.1:" + server.getAddress().getPort() + "/charts/demo";
    }

    public static synchronized Charts shared() {
        if (shared == null) {
            try {
                shared = new Charts();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** The chart repository's URL. */
    public String repositoryUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** A packaged chart, e.g. {@code demo-0.1.0.tgz}, in base64 as the API takes it. */
    public String archiveBase64(String fileName) {
        return Base64.getEncoder().encodeToString(archive(fileName));
    }

    public byte[] archive(String fileName) {
        byte[] bytes = archives.get(fileName);
        if (bytes == null) {
            throw new IllegalArgumentException("No packaged chart " + fileName + " in " + archives.keySet());
        }
        return bytes;
    }

    private String index() {
        StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n");
        for (String chart : List.of("demo", "broken", "secretive", "large")) {
            index.append("  ").append(chart).append(":\n");
            archives.forEach((file, bytes) -> {
                if (file.startsWith(chart + "-")) {
                    String version = file.substring(chart.length() + 1, file.length() - ".tgz".length());
                    index.append("    - name: ").append(chart).append('\n')
                            .append("      version: ").append(version).append('\n')
                            .append("      apiVersion: v2\n")
                            .append("      digest: ").append(sha256(bytes)).append('\n')
                            .append("      urls:\n        - charts/").append(file).append('\n');
                }
            });
        }
        return index.append("generated: \"2026-01-01T00:00:00Z\"\n").toString();
    }

    private static Path resource(String name) {
        try {
            return Path.of(Charts.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target);
                }
            }
        }
        return to;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
