package io.mooring.agent.support;

import io.mooring.agent.config.AgentSettings;
import io.mooring.agent.service.Agent;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import io.mooring.simulator.SimulatedCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jboss.logmanager.LogContext;

/**
 * One simulated cluster, one fake platform and agents against them, with intervals short enough for tests. Every
 * test makes its own, so tests never share state.
 */
public final class AgentHarness implements AutoCloseable {

    static {
        // Plain JUnit runs have no Quarkus to configure logging, and Quarkus's start-up handler would keep every
        // record, the HTTP client's TRACE records of whole response bodies included. The agent logs at INFO.
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
    }

    public final SimulatedCluster cluster;
    public final FakePlatform platform;
    public final Path stateDir;
    private final List<Agent> agents = new ArrayList<>();

    private AgentHarness(SimulatedCluster cluster, SSLContext platformTls) {
        this.cluster = cluster;
        this.platform = new FakePlatform(platformTls);
        try {
            this.stateDir = Files.createTempDirectory("mooring-agent-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AgentHarness start(Provider provider, Mode mode) {
        return start(provider, mode, 3, 10);
    }

    public static AgentHarness start(Provider provider, Mode mode, int nodes, int podsPerNode) {
        return new AgentHarness(SimulatedCluster.builder().provider(provider).mode(mode).nodes(nodes).podsPerNode(podsPerNode).start(), null);
    }

    /** A small cluster and a platform served over HTTPS with {@code platformTls}'s certificate. */
    public static AgentHarness startWithHttpsPlatform(Provider provider, Mode mode, SSLContext platformTls) {
        return new AgentHarness(SimulatedCluster.builder().provider(provider).mode(mode).nodes(2).podsPerNode(5).start(), platformTls);
    }

    /** Settings for fast tests: sub-second loops, a short backoff. */
    public AgentSettings.Builder settings(String importToken) {
        return AgentSettings.builder()
                .platformUrl(URI.create(platform.url()))
                .importToken(importToken)
                .stateDir(stateDir)
                .agentVersion("0.1.0-test")
                .heartbeatInterval(Duration.ofMillis(300))
                .inventoryMinInterval(Duration.ofMillis(300))
                .inventoryMaxInterval(Duration.ofMinutes(10))
                .eventsFlushInterval(Duration.ofMillis(200))
                .statusInterval(Duration.ofMillis(300))
                .permissionsInterval(Duration.ofSeconds(2))
                .addonsPollInterval(Duration.ofMillis(300))
                .driftInterval(Duration.ofMillis(700))
                .connectTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(10))
                .refreshMargin(Duration.ofSeconds(1))
                .backoffInitial(Duration.ofMillis(100))
                .backoffMax(Duration.ofSeconds(1));
    }

    /** Starts an agent with a fresh import token. */
    public Agent startAgent() {
        return startAgent(UnaryOperator.identity());
    }

    public Agent startAgent(UnaryOperator<AgentSettings.Builder> tweak) {
        return startAgent(tweak.apply(settings(platform.issueImportToken())).build());
    }

    public Agent startAgent(AgentSettings settings) {
        Agent agent = new Agent(settings, cluster.agentClient(), Clock.systemUTC(), null);
        agents.add(agent);
        agent.start();
        return agent;
    }

    /** Also fails the test when the agent and the fake platform did not keep to the services' OpenAPI documents. */
    @Override
    public void close() {
        agents.forEach(Agent::close);
        platform.close();
        cluster.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Temporary files: best effort.
        }
        platform.assertKeptTheContract();
    }
}
