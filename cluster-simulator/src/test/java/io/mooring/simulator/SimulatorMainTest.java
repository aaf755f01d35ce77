package io.mooring.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorMainTest {

    @Test
    void optionsAreReadByName() {
        assertThat(SimulatorMain.parse(new String[] {"--provider", "eks", "--mode=full-permission", "--nodes", "5", "--pods-per-node", "10",
                "--kubeconfig", "/tmp/k"}))
                .containsEntry("provider", "eks")
                .containsEntry("mode", "full-permission")
                .containsEntry("nodes", "5")
                .containsEntry("pods-per-node", "10")
                .containsEntry("kubeconfig", "/tmp/k");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--colour", "blue"})).hasMessageContaining("--colour");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--nodes"})).hasMessageContaining("missing value");
    }

    @Test
    void providersAndModesAreNamedAsOnTheCommandLine() {
        assertThat(Provider.fromName("eks-anywhere")).isEqualTo(Provider.EKS_ANYWHERE);
        assertThat(Provider.fromName("AWS")).isEqualTo(Provider.AWS_EC2);
        assertThat(Provider.fromName("aws_ec2")).isEqualTo(Provider.AWS_EC2);
        assertThat(Mode.fromName("read-only")).isEqualTo(Mode.READ_ONLY);
        assertThatThrownBy(() -> Provider.fromName("nomad")).hasMessageContaining("eks-anywhere");
    }

    @Test
    void commandsScriptTheRunningCluster() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.K3S).nodes(2).podsPerNode(10).start()) {
            String node = cluster.nodeNames().get(0);
            assertThat(SimulatorMain.execute(cluster, "node-not-ready " + node)).isEqualTo("OK node-not-ready " + node);
            assertThat(SimulatorMain.execute(cluster, "warning-burst 2")).startsWith("OK");
            assertThat(SimulatorMain.execute(cluster, "grant-full-permission")).startsWith("OK");
            assertThat(cluster.mode()).isEqualTo(Mode.FULL_PERMISSION);
            assertThat(SimulatorMain.execute(cluster, "scale payments")).startsWith("ERROR missing argument");
            assertThat(SimulatorMain.execute(cluster, "explode")).startsWith("ERROR unknown command");
        }
    }

    @Test
    void runsAsItsOwnProcessAndSaysWhenItIsReady(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("eks.kubeconfig");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), SimulatorMain.class.getName(),
                "--provider", "eks", "--mode", "read-only", "--nodes", "3", "--pods-per-node", "10", "--kubeconfig", kubeconfig.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(ready).startsWith("READY http://");

            try (KubernetesClient agent = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
                assertThat(agent.getKubernetesVersion().getGitVersion()).contains("-eks-");
                assertThat(agent.nodes().list().getItems()).hasSize(3);
                String node = agent.nodes().list().getItems().get(0).getMetadata().getName();

                process.getOutputStream().write(("node-not-ready " + node + "\n").getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
                assertThat(out.readLine()).isEqualTo("OK node-not-ready " + node);
                assertThat(agent.nodes().withName(node).get().getStatus().getConditions())
                        .anySatisfy(c -> assertThat(List.of(c.getType(), c.getStatus())).containsExactly("Ready", "False"));
            }
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
