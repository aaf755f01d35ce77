package io.mooring.localstack;

import io.mooring.simulator.SimulatedKubelet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's container image ({@code docker/Dockerfile.jvm} of cluster-agent) as a local process, for a
 * {@link SimulatedKubelet}: {@code java -jar} of the built {@code quarkus-run.jar}. A process cannot see the
 * container's file system, so the paths the image uses are pointed at the volumes the pod mounts there: the JVM's
 * {@code /tmp} and the agent's state directory ({@code /var/lib/mooring-agent}, the agent's default). Without a
 * volume a path lands in the container's own directory. The image's {@code QUARKUS_HTTP_PORT=8080} becomes a free
 * port (processes share this machine's network), and the service account's token comes as a kubeconfig.
 */
final class AgentImage implements SimulatedKubelet.Image {

    /** The agent's default {@code mooring.agent.state-dir}, where the import manifest mounts an emptyDir. */
    static final String STATE_DIR = "/var/lib/mooring-agent";

    private final Path agentJar;
    private final List<String> systemProperties;

    AgentImage(Path agentJar, List<String> systemProperties) {
        this.agentJar = agentJar;
        this.systemProperties = List.copyOf(systemProperties);
    }

    @Override
    public void prepare(SimulatedKubelet.ContainerSpec container, ProcessBuilder process) {
        Path tmp = container.hostPath("/tmp").orElse(container.directory().resolve("tmp"));
        Path state = container.hostPath(STATE_DIR).orElse(container.directory().resolve("var/lib/mooring-agent"));
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-Djava.io.tmpdir=" + tmp, "-Dmooring.agent.state-dir=" + state));
        systemProperties.forEach(p -> command.add("-D" + p));
        command.add("-jar");
        command.add(agentJar.toString());
        process.command(command);
        process.environment().put("QUARKUS_HTTP_PORT", "0");
        container.serviceAccountKubeconfig().ifPresent(k -> process.environment().put("MOORING_AGENT_KUBECONFIG", k.toString()));
    }
}
