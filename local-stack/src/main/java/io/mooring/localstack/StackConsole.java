package io.mooring.localstack;

import io.mooring.simulator.SimulatedCluster;
import io.mooring.testsupport.Tokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Commands typed into the running local stack that change a simulated cluster the way real life would, so a
 * newcomer can watch health, events and cost react: a node going NotReady, a crash loop, a burst of warnings.
 */
final class StackConsole {

    private static final String HELP = """
            Commands (CLUSTER is a simulated cluster's name, e.g. sim-eks):
              clusters                              list the simulated clusters and their nodes
              node-not-ready CLUSTER [NODE]         the node (default: the first) goes NotReady
              node-ready CLUSTER [NODE]             the node is Ready again
              crash-loop CLUSTER NAMESPACE POD      the pod starts crash-looping
              warning-burst CLUSTER COUNT           COUNT new Warning events
              scale CLUSTER NAMESPACE NAME REPLICAS scale a Deployment or StatefulSet
              grant-full-permission CLUSTER         as if the user applied a full-permission manifest
              token ROLE [PROJECT ...]              a user token: ROLE viewer, operator or admin; PROJECT the
                                                    projects it may see (default demo; admin: all). With
                                                    Keycloak: one project, a, b or demo (its ready-made users)
              help""";

    private final SimulatedClusters clusters;
    private final UserTokens tokens;

    StackConsole(SimulatedClusters clusters, Tokens tokens) {
        this(clusters, UserTokens.builtIn(tokens));
    }

    StackConsole(SimulatedClusters clusters, UserTokens tokens) {
        this.clusters = clusters;
        this.tokens = tokens;
    }

    void run(InputStream input) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        System.out.println(execute(line.trim().split("\\s+")));
                    }
                }
            } catch (IOException e) {
                // No console (e.g. started in the background): nothing to read.
            }
        }, "local-stack-console");
        thread.setDaemon(true);
        thread.start();
    }

    String execute(String[] words) {
        try {
            return switch (words[0]) {
                case "help" -> HELP;
                case "clusters" -> String.join("\n", clusters.all().stream()
                        .map(i -> i.spec().clusterName() + " " + i.spec().importMode() + " id=" + i.clusterId()
                                + " nodes=" + i.cluster().nodeNames())
                        .toList());
                case "node-not-ready" -> {
                    SimulatedCluster cluster = cluster(words);
                    String node = words.length > 2 ? words[2] : cluster.nodeNames().get(0);
                    cluster.nodeNotReady(node);
                    yield "OK " + node + " is NotReady";
                }
                case "node-ready" -> {
                    SimulatedCluster cluster = cluster(words);
                    String node = words.length > 2 ? words[2] : cluster.nodeNames().get(0);
                    cluster.nodeReady(node);
                    yield "OK " + node + " is Ready";
                }
                case "crash-loop" -> {
                    cluster(words).crashLoop(words[2], words[3]);
                    yield "OK " + words[3] + " is crash-looping";
                }
                case "warning-burst" -> "OK " + cluster(words).warningBurst(Integer.parseInt(words[2])).size()
                        + " warning events";
                case "scale" -> {
                    cluster(words).scaleWorkload(words[2], words[3], Integer.parseInt(words[4]));
                    yield "OK scaled";
                }
                case "grant-full-permission" -> {
                    cluster(words).grantFullPermission();
                    yield "OK full permission granted";
                }
                case "token" -> token(words);
                default -> "Unknown command '" + words[0] + "'.\n" + HELP;
            };
        } catch (RuntimeException e) {
            return "ERROR " + e.getMessage();
        }
    }

    /** A user token from the stack's identity provider, so anyone can try the API as a viewer of one project. */
    private String token(String[] words) {
        if (words.length < 2) {
            throw new IllegalArgumentException("name a role: viewer, operator or admin");
        }
        List<String> projects = words.length > 2 ? List.of(Arrays.copyOfRange(words, 2, words.length))
                : List.of(SimulatedClusters.PROJECT);
        return tokens.user(words[1], words[1].equals("admin") ? List.of() : projects);
    }

    private SimulatedCluster cluster(String[] words) {
        if (words.length < 2) {
            throw new IllegalArgumentException("name a cluster: " + clusterNames());
        }
        Optional<SimulatedClusters.Imported> found = clusters.byName(words[1]);
        return found.orElseThrow(() -> new IllegalArgumentException("no simulated cluster '" + words[1]
                + "': " + clusterNames())).cluster();
    }

    private String clusterNames() {
        return clusters.all().stream().map(i -> i.spec().clusterName()).toList().toString();
    }
}
