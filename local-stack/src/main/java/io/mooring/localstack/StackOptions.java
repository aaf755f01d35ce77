package io.mooring.localstack;

import java.nio.file.Path;

/** Command-line options of the local stack; every option has a default so the plain command just works. */
record StackOptions(Path repoRoot, Path dataDir, int gatewayPort, int basePort, int kafkaPort,
        int readyTimeoutSeconds) {

    static StackOptions parse(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        Path data = null;
        int gateway = 8080;
        int kafka = 19092;
        int timeout = 120;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--repo" -> root = Path.of(require(args[i], value));
                case "--data-dir" -> data = Path.of(require(args[i], value));
                case "--gateway-port" -> gateway = Integer.parseInt(require(args[i], value));
                case "--kafka-port" -> kafka = Integer.parseInt(require(args[i], value));
                case "--ready-timeout" -> timeout = Integer.parseInt(require(args[i], value));
                case "--help", "-h" -> {
                    System.out.println("""
                            Usage: bin/local-stack [--gateway-port 8080] [--kafka-port 19092] [--data-dir .local-stack]
                                                   [--ready-timeout 120]
                            Services listen on the gateway port + 1..4 (registry, health, addon, cost).""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + " (try --help)");
            }
            i++;
        }
        return new StackOptions(root, data == null ? root.resolve(".local-stack") : data, gateway, gateway, kafka,
                timeout);
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
