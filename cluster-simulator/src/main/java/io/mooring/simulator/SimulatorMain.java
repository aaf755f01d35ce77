package io.mooring.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one simulated cluster as its own process, for the local stack and benchmarks:
 *
 * <pre>
 * java -cp ... io.mooring.simulator.SimulatorMain --provider eks --mode read-only --nodes 5 --pods-per-node 10 \
 *      --kubeconfig /tmp/eks.kubeconfig [--port 0] [--seed 42]
 * </pre>
 *
 * <p>Prints {@code READY <masterUrl>} once serving, then runs until killed. Commands read from standard input,
 * one per line, script changes: {@code node-not-ready NAME}, {@code node-ready NAME}, {@code crash-loop NAMESPACE POD},
 * {@code warning-burst COUNT}, {@code scale NAMESPACE NAME REPLICAS}, {@code grant-full-permission},
 * {@code restrict-read-only}; each is answered with {@code OK ...} or {@code ERROR ...}.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        SimulatedCluster cluster = SimulatedCluster.builder()
                .provider(Provider.fromName(options.getOrDefault("provider", "kubeadm")))
                .mode(Mode.fromName(options.getOrDefault("mode", "read-only")))
                .nodes(Integer.parseInt(options.getOrDefault("nodes", "3")))
                .podsPerNode(Integer.parseInt(options.getOrDefault("pods-per-node", "10")))
                .port(Integer.parseInt(options.getOrDefault("port", "0")))
                .seed(Long.parseLong(options.getOrDefault("seed", "42")))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "simulator-shutdown"));
        if (options.containsKey("kubeconfig")) {
            cluster.writeKubeconfig(Path.of(options.get("kubeconfig")));
        }
        PrintStream out = System.out;
        System.err.printf("simulated %s cluster %s: %d nodes, %d pods, %d objects, %s, seeded in %d ms%n", cluster.provider().cliName(),
                cluster.clusterName(), cluster.nodeCount(), cluster.podCount(), cluster.objectCount(), cluster.mode().wireValue(),
                cluster.seedTime().toMillis());
        out.println("READY " + cluster.masterUrl());
        out.flush();

        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    out.println(execute(cluster, line.trim()));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // No usable standard input: keep serving without commands.
        }
        // Standard input closed: serve until the process is killed.
        new CountDownLatch(1).await();
    }

    static String execute(SimulatedCluster cluster, String command) {
        List<String> words = List.of(command.split("\\s+"));
        try {
            switch (words.get(0)) {
                case "node-not-ready" -> cluster.nodeNotReady(words.get(1));
                case "node-ready" -> cluster.nodeReady(words.get(1));
                case "crash-loop" -> cluster.crashLoop(words.get(1), words.get(2));
                case "warning-burst" -> cluster.warningBurst(Integer.parseInt(words.get(1)));
                case "scale" -> cluster.scaleWorkload(words.get(1), words.get(2), Integer.parseInt(words.get(3)));
                case "grant-full-permission" -> cluster.grantFullPermission();
                case "restrict-read-only" -> cluster.restrictToReadOnly();
                default -> {
                    return "ERROR unknown command '" + words.get(0) + "'";
                }
            }
            return "OK " + command;
        } catch (IndexOutOfBoundsException e) {
            return "ERROR missing argument in '" + command + "'";
        } catch (RuntimeException e) {
            return "ERROR " + e.getMessage();
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for --" + name);
            }
            if (!List.of("provider", "mode", "nodes", "pods-per-node", "kubeconfig", "port", "seed").contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            options.put(name, value);
        }
        return options;
    }

    private static String usage() {
        return "usage: SimulatorMain --provider <aws|eks|azure|aks|gcp|gke|vsphere|openshift|eks-anywhere|rancher|kubeadm|k3s|kind|minikube>"
                + " --mode <read-only|full-permission> --nodes N --pods-per-node N [--kubeconfig PATH] [--port N] [--seed N]";
    }
}
