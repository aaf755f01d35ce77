package io.mooring.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Command-line options of the local stack; every option has a default so the plain command just works. */
record StackOptions(Path repoRoot, Path dataDir, int gatewayPort, int basePort, int kafkaPort,
        int readyTimeoutSeconds, List<SimulatedClusters.Spec> clusters, List<String> agentProperties,
        String databasePrefix, boolean reset, int replicas, IdentityProvider identityProvider) {

    static final String DEFAULT_CLUSTERS = "eks:read-only,aks:full-permission,k3s:read-only";

    /** Who signs user tokens: the stack's own key pair (the default) or a Keycloak the stack starts. */
    enum IdentityProvider {
        BUILT_IN, KEYCLOAK;

        static IdentityProvider parse(String value) {
            return switch (value) {
                case "built-in" -> BUILT_IN;
                case "keycloak" -> KEYCLOAK;
                default -> throw new IllegalArgumentException("--identity-provider is built-in or keycloak, not "
                        + value);
            };
        }
    }

    /** One instance of each service, with the built-in identity provider. */
    StackOptions(Path repoRoot, Path dataDir, int gatewayPort, int basePort, int kafkaPort, int readyTimeoutSeconds,
            List<SimulatedClusters.Spec> clusters, List<String> agentProperties, String databasePrefix, boolean reset) {
        this(repoRoot, dataDir, gatewayPort, basePort, kafkaPort, readyTimeoutSeconds, clusters, agentProperties,
                databasePrefix, reset, 1, IdentityProvider.BUILT_IN);
    }

    /** One instance of each service. */
    StackOptions(Path repoRoot, Path dataDir, int gatewayPort, int basePort, int kafkaPort, int readyTimeoutSeconds,
            List<SimulatedClusters.Spec> clusters, List<String> agentProperties, String databasePrefix, boolean reset,
            IdentityProvider identityProvider) {
        this(repoRoot, dataDir, gatewayPort, basePort, kafkaPort, readyTimeoutSeconds, clusters, agentProperties,
                databasePrefix, reset, 1, identityProvider);
    }

    /** With the built-in identity provider. */
    StackOptions(Path repoRoot, Path dataDir, int gatewayPort, int basePort, int kafkaPort, int readyTimeoutSeconds,
            List<SimulatedClusters.Spec> clusters, List<String> agentProperties, String databasePrefix, boolean reset,
            int replicas) {
        this(repoRoot, dataDir, gatewayPort, basePort, kafkaPort, readyTimeoutSeconds, clusters, agentProperties,
                databasePrefix, reset, replicas, IdentityProvider.BUILT_IN);
    }

    StackOptions {
        if (replicas < 1) {
            throw new IllegalArgumentException("--replicas must be 1 or more, not " + replicas);
        }
    }

    static StackOptions parse(String[] given) {
        // --option=value is the same as --option value.
        String[] args = Arrays.stream(given)
                .flatMap(a -> a.startsWith("--") && a.contains("=") ? Stream.of(a.split("=", 2)) : Stream.of(a))
                .toArray(String[]::new);
        Path root = Path.of("").toAbsolutePath();
        Path data = null;
        int gateway = 8080;
        int kafka = 19092;
        int timeout = 120;
        String clusters = DEFAULT_CLUSTERS;
        int basePort = -1;
        List<String> agentProperties = new ArrayList<>();
        String databasePrefix = "mooring";
        boolean reset = false;
        int replicas = 1;
        IdentityProvider identityProvider = IdentityProvider.BUILT_IN;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--repo" -> root = Path.of(require(args[i], value));
                case "--data-dir" -> data = Path.of(require(args[i], value));
                case "--gateway-port" -> gateway = Integer.parseInt(require(args[i], value));
                case "--kafka-port" -> kafka = Integer.parseInt(require(args[i], value));
                case "--ready-timeout" -> timeout = Integer.parseInt(require(args[i], value));
                case "--clusters" -> clusters = require(args[i], value);
                case "--service-base-port" -> basePort = Integer.parseInt(require(args[i], value));
                case "--agent-property" -> agentProperties.add(require(args[i], value));
                case "--database-prefix" -> databasePrefix = require(args[i], value);
                case "--replicas" -> replicas = Integer.parseInt(require(args[i], value));
                case "--identity-provider" -> identityProvider = IdentityProvider.parse(require(args[i], value));
                case "--reset" -> {
                    reset = true;
                    i--;
                }
                case "--help", "-h" -> {
                    System.out.print(usage());
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + " (try --help)");
            }
            i++;
        }
        return new StackOptions(root, data == null ? root.resolve(".local-stack") : data, gateway,
                basePort < 0 ? gateway : basePort, kafka, timeout, SimulatedClusters.Spec.parseAll(clusters),
                List.copyOf(agentProperties), databasePrefix, reset, replicas, identityProvider);
    }

    /** The usage text; bin/local-stack prints the same file without building anything. */
    static String usage() {
        try (var in = StackOptions.class.getResourceAsStream("usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
