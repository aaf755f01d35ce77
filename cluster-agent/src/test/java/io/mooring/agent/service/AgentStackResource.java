package io.mooring.agent.service;

import io.mooring.agent.support.FakePlatform;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import io.mooring.simulator.SimulatedCluster;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An EKS cluster (read-only import) and the fake platform for the application test: the agent finds its settings
 * where it finds them in a cluster (the Secret's MOORING_PLATFORM_URL and MOORING_IMPORT_TOKEN) plus a kubeconfig.
 */
public class AgentStackResource implements QuarkusTestResourceLifecycleManager {

    static SimulatedCluster cluster;
    static FakePlatform platform;
    static Path stateDir;

    @Override
    public Map<String, String> start() {
        cluster = SimulatedCluster.builder().provider(Provider.EKS).mode(Mode.READ_ONLY).nodes(3).podsPerNode(10).start();
        platform = new FakePlatform();
        try {
            stateDir = Files.createTempDirectory("agent-app-state");
            Path kubeconfig = cluster.writeKubeconfig(stateDir.getParent().resolve(stateDir.getFileName() + ".kubeconfig"));
            return Map.ofEntries(
                    Map.entry("mooring.agent.enabled", "true"),
                    Map.entry("MOORING_PLATFORM_URL", platform.url()),
                    Map.entry("MOORING_IMPORT_TOKEN", platform.issueImportToken()),
                    Map.entry("mooring.agent.kubeconfig", kubeconfig.toString()),
                    Map.entry("mooring.agent.state-dir", stateDir.toString()),
                    Map.entry("mooring.agent.intervals.heartbeat", "500ms"),
                    Map.entry("mooring.agent.intervals.status", "500ms"),
                    Map.entry("mooring.agent.intervals.inventory-min", "500ms"),
                    Map.entry("mooring.agent.intervals.events-flush", "300ms"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (platform != null) {
            platform.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
