package io.mooring.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keycloak as the local stack's OpenID Connect provider: its Quarkus distribution (unpacked from Maven Central by
 * local-stack's build), run with a JDK 21 or newer, with the {@code mooring} realm imported (ready-made users for
 * each role and the projects {@code a}, {@code b} and {@code demo}). The distribution is built once
 * ({@code kc.sh build}) and then started with {@code --optimized}, which saves the minute or more Keycloak's build
 * step takes on every start; the server's own files (its H2 database) live in a home directory of the stack's.
 */
final class KeycloakServer {

    static final String REALM = "mooring";
    static final String CLIENT_ID = "mooring";
    /** Every ready-made user's password (local development only; see README.md). */
    static final String PASSWORD = "mooring";
    /** The master realm's administrator, for Keycloak's admin console (local development only). */
    static final String CONSOLE_ADMIN = "admin";
    static final String CONSOLE_PASSWORD = "admin";

    /** Build-time options; a change makes the next start build the distribution again. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true");
    private static final String BUILT_MARKER = ".mooring-built";
    private static final int MIN_JAVA = 21;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildProcess process;
    private final int httpPort;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(ChildProcess process, int httpPort, int managementPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /**
     * Starts Keycloak on {@code httpPort} (its management interface, with the health checks, on
     * {@code managementPort}) with its files in {@code home}. Returns at once; {@link #awaitReady} waits.
     */
    static KeycloakServer start(Path repoRoot, Path home, int httpPort, int managementPort, Path logs)
            throws IOException, InterruptedException {
        Path javaHome = javaHome();
        Path distribution = builtDistribution(repoRoot, javaHome, logs);
        prepareHome(distribution, home);
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                // Keycloak clusters by default (JGroups discovery); one local server must not find another's.
                "--cache=local",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                // A fixed issuer, whatever host name a client uses to reach the server.
                "--hostname=http://127.0.0.1:" + httpPort,
                "--import-realm");
        ChildProcess process = ChildProcess.start("keycloak", command, environment(javaHome), logs, null);
        return new KeycloakServer(process, httpPort, managementPort);
    }

    ChildProcess process() {
        return process;
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The issuer of the {@code mooring} realm's tokens; the services discover the rest from it. */
    String issuer() {
        return url() + "/realms/" + REALM;
    }

    /** Waits until Keycloak's readiness check answers UP (the realm import is done by then). */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI health = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped; see " + process.log());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Keycloak is not ready after " + timeout.toSeconds() + " s; see "
                        + process.log());
            }
            Thread.sleep(500);
        }
    }

    /** An access token of a ready-made user of the {@code mooring} realm, by the password grant. */
    String passwordGrant(String username) {
        return passwordGrant(REALM, CLIENT_ID, username, PASSWORD);
    }

    /** An access token by the password grant (Resource Owner Password Credentials) of a public client. */
    String passwordGrant(String realm, String clientId, String username, String password) {
        String form = form(Map.of("grant_type", "password", "client_id", clientId, "username", username,
                "password", password, "scope", "openid"));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(url() + "/realms/" + realm + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + username + " (" + realm + "): "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            return body.path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not answer at " + url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The ready-made user for a role in a project ({@code viewer-a}, {@code operator-demo}, {@code admin}); the
     * realm has one user per role and project, so a user token names exactly one project.
     */
    static String userFor(String role, List<String> projects) {
        if (role.equals("admin")) {
            return "admin";
        }
        if (projects.size() != 1) {
            throw new IllegalArgumentException("Keycloak's ready-made users each have one project: name one of "
                    + "a, b or demo");
        }
        return role + "-" + projects.get(0);
    }

    /** The realm file the server imports; the test reads it too, to make a look-alike realm of another issuer. */
    static String realmJson() {
        try (InputStream in = KeycloakServer.class.getResourceAsStream("keycloak/mooring-realm.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = KeycloakServer.class.getResourceAsStream("keycloak/keycloak.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /**
     * A JDK for Keycloak, which needs Java 21 or newer: {@code MOORING_KEYCLOAK_JAVA_HOME} if set, else the JDK
     * running the stack if it is new enough, else the newest one of 21 or later in /usr/lib/jvm.
     */
    static Path javaHome() {
        String configured = System.getenv("MOORING_KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                throw new IllegalStateException("MOORING_KEYCLOAK_JAVA_HOME=" + configured + " has no bin/java");
            }
            return home;
        }
        if (Runtime.version().feature() >= MIN_JAVA) {
            return Path.of(System.getProperty("java.home"));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        Optional<Path> found = Optional.empty();
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> candidates = Files.list(jvms)) {
                found = candidates.filter(p -> Files.isExecutable(p.resolve("bin/java")))
                        .filter(p -> featureVersion(p) >= MIN_JAVA)
                        .max(Comparator.comparingInt(KeycloakServer::featureVersion));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found.orElseThrow(() -> new IllegalStateException("Keycloak needs a JDK " + MIN_JAVA
                + " or newer, and none was found (this JVM is " + Runtime.version().feature()
                + ", nothing newer in /usr/lib/jvm). Install one (e.g. apt-get install openjdk-21-jdk-headless) "
                + "or point MOORING_KEYCLOAK_JAVA_HOME at one."));
    }

    /** The major version a JDK's {@code release} file states (JAVA_VERSION="25.0.1"), 0 when unreadable. */
    static int featureVersion(Path javaHome) {
        try {
            Properties release = new Properties();
            try (InputStream in = Files.newInputStream(javaHome.resolve("release"))) {
                release.load(in);
            }
            String version = release.getProperty("JAVA_VERSION", "").replace("\"", "");
            String major = version.startsWith("1.") ? version.substring(2) : version;
            return Integer.parseInt(major.split("[.+\\-_]")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The unpacked distribution, built for the stack's options: {@code kc.sh build} runs only when the distribution
     * was not yet built with exactly these options, under a file lock so that two stacks never build it at once.
     */
    private static Path builtDistribution(Path repoRoot, Path javaHome, Path logs)
            throws IOException, InterruptedException {
        String version = version();
        Path distribution = repoRoot.resolve("local-stack/target/keycloak/keycloak-" + version);
        if (!Files.isExecutable(distribution.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(distribution + " is missing: build local-stack first (./mvnw install "
                    + "-DskipTests, or ./mvnw generate-resources -pl local-stack) to unpack Keycloak " + version);
        }
        Path marker = distribution.resolve(BUILT_MARKER);
        String wanted = String.join(" ", BUILD_OPTIONS);
        try (FileChannel channel = FileChannel.open(distribution.resolve(".mooring-build.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(wanted)) {
                return distribution;
            }
            LocalStack.log("Building Keycloak %s once for the local stack (kc.sh build %s); later starts skip this",
                    version, wanted);
            List<String> command = new ArrayList<>(List.of(distribution.resolve("bin/kc.sh").toString(), "build"));
            command.addAll(BUILD_OPTIONS);
            ChildProcess build = ChildProcess.start("keycloak-build", command, environment(javaHome), logs, null);
            // On two busy cores the build has taken close to two minutes.
            if (build.awaitExit(Duration.ofMinutes(10)) != 0) {
                throw new IllegalStateException("kc.sh build failed; see " + build.log());
            }
            Files.writeString(marker, wanted);
            return distribution;
        }
    }

    /**
     * The server's home: its own {@code data} (database, realm to import) and the distribution's {@code lib},
     * {@code conf}, {@code themes}, {@code providers} linked in. kc.sh is copied, not linked: it takes the home
     * directory from its own resolved path.
     */
    private static void prepareHome(Path distribution, Path home) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.copy(distribution.resolve("bin/kc.sh"), home.resolve("bin/kc.sh"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        for (String dir : List.of("lib", "conf", "themes", "providers")) {
            Path link = home.resolve(dir);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, distribution.resolve(dir).toAbsolutePath());
        }
        Path imports = Files.createDirectories(home.resolve("data/import"));
        // The import skips a realm that exists already, so a second run keeps what the first changed.
        Files.writeString(imports.resolve("mooring-realm.json"), realmJson());
    }

    private static Map<String, String> environment(Path javaHome) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", javaHome.toString());
        // kc.sh otherwise reserves 70 % of the machine's memory for the heap.
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", CONSOLE_ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", CONSOLE_PASSWORD);
        return env;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
