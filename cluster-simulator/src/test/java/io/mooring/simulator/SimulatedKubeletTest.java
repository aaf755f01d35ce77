package io.mooring.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedKubeletTest {

    private static final String IMAGE = "example.com/env-dump:1";

    @TempDir
    Path dir;

    /** The test image: writes its environment and its service account's kubeconfig path into /data, then waits. */
    private static void envDump(SimulatedKubelet.ContainerSpec container, ProcessBuilder process) {
        Path data = container.hostPath("/data").orElseThrow();
        process.command("sh", "-c", "env | sort > \"$DATA/env.txt\"; echo \"$SA\" > \"$DATA/sa.txt\"; exec sleep 600");
        process.environment().put("DATA", data.toString());
        process.environment().put("SA", container.serviceAccountKubeconfig().map(Path::toString).orElse("none"));
    }

    @Test
    void anAppliedDeploymentRunsWithTheEnvironmentAndVolumesItsPodSpecGives() throws Exception {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.K3S).nodes(1).podsPerNode(2)
                .agentServiceAccount("tools", "dumper").start();
                SimulatedKubelet kubelet = SimulatedKubelet.builder(cluster, dir).image(IMAGE::equals, SimulatedKubeletTest::envDump)
                        .interval(Duration.ofMillis(200)).start()) {
            KubernetesClient client = cluster.client();
            client.resource(new NamespaceBuilder().withNewMetadata().withName("tools").endMetadata().build()).create();
            client.resource(new ServiceAccountBuilder().withNewMetadata().withName("dumper").withNamespace("tools").endMetadata()
                    .build()).create();
            client.resource(new SecretBuilder().withNewMetadata().withName("creds").withNamespace("tools").endMetadata()
                    .withStringData(Map.of("TOKEN", "t0ken", "URL", "https://example.com")).build()).create();
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("tools").endMetadata()
                    .withData(Map.of("level", "debug", "ca.crt", "-----BEGIN CERTIFICATE-----")).build()).create();
            client.resource(deployment("one")).create();

            Path data = await().atMost(Duration.ofSeconds(20)).until(() -> kubelet.runningPod("tools", "dumper")
                    .map(pod -> dir.resolve("pods").resolve(pod).resolve("volumes/data"))
                    .filter(p -> Files.exists(p.resolve("sa.txt"))), java.util.Optional::isPresent).orElseThrow();

            List<String> env = Files.readAllLines(data.resolve("env.txt"));
            assertThat(env).contains("TOKEN=t0ken", "URL=https://example.com", "LEVEL=debug", "POD_NAMESPACE=tools",
                    "ENDPOINT=https://example.com/api", "RELEASE=one");
            assertThat(env).noneMatch(line -> line.startsWith("JAVA_HOME=") || line.startsWith("MAVEN"));
            String kubeconfig = Files.readString(data.resolve("sa.txt")).trim();
            assertThat(Files.readString(Path.of(kubeconfig))).contains(cluster.agentToken(), cluster.masterUrl());
            Path config = data.getParent().resolve("config");
            assertThat(Files.readString(config.resolve("ca.crt"))).isEqualTo("-----BEGIN CERTIFICATE-----");

            Pod pod = client.pods().inNamespace("tools").withName(kubelet.runningPod("tools", "dumper").orElseThrow()).get();
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getMetadata().getLabels()).containsEntry("app", "dumper");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.apps().deployments()
                    .inNamespace("tools").withName("dumper").get().getStatus().getReadyReplicas()).isEqualTo(1));
        }
    }

    @Test
    void aNewPodTemplateReplacesThePodAndADeletedDeploymentStopsIt() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.K3S).nodes(1).podsPerNode(2)
                .agentServiceAccount("tools", "dumper").start();
                SimulatedKubelet kubelet = SimulatedKubelet.builder(cluster, dir).image(IMAGE::equals, SimulatedKubeletTest::envDump)
                        .interval(Duration.ofMillis(200)).start()) {
            KubernetesClient client = cluster.client();
            client.resource(new NamespaceBuilder().withNewMetadata().withName("tools").endMetadata().build()).create();
            client.resource(new ServiceAccountBuilder().withNewMetadata().withName("dumper").withNamespace("tools").endMetadata()
                    .build()).create();
            client.resource(new SecretBuilder().withNewMetadata().withName("creds").withNamespace("tools").endMetadata()
                    .withStringData(Map.of("TOKEN", "t0ken", "URL", "https://example.com")).build()).create();
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("tools").endMetadata()
                    .withData(Map.of("level", "debug")).build()).create();
            client.resource(deployment("one")).create();
            await().atMost(Duration.ofSeconds(20)).until(() -> kubelet.runningPod("tools", "dumper").isPresent());
            String first = kubelet.runningPod("tools", "dumper").orElseThrow();

            client.resource(deployment("two")).update();
            await().atMost(Duration.ofSeconds(30)).until(() -> kubelet.runningPod("tools", "dumper")
                    .filter(pod -> !pod.equals(first)).isPresent());
            assertThat(kubelet.podsStarted("tools", "dumper")).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.pods().inNamespace("tools").withName(first).get() == null);

            client.apps().deployments().inNamespace("tools").withName("dumper").delete();
            await().atMost(Duration.ofSeconds(30)).until(() -> kubelet.runningPod("tools", "dumper").isEmpty());
            assertThat(kubelet.events()).anyMatch(e -> e.contains("its Deployment is gone"));
        }
    }

    @Test
    void aPodWaitsForTheSecretItNeeds() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.K3S).nodes(1).podsPerNode(2)
                .agentServiceAccount("tools", "dumper").start();
                SimulatedKubelet kubelet = SimulatedKubelet.builder(cluster, dir).image(IMAGE::equals, SimulatedKubeletTest::envDump)
                        .interval(Duration.ofMillis(200)).start()) {
            KubernetesClient client = cluster.client();
            client.resource(new NamespaceBuilder().withNewMetadata().withName("tools").endMetadata().build()).create();
            client.resource(new ServiceAccountBuilder().withNewMetadata().withName("dumper").withNamespace("tools").endMetadata()
                    .build()).create();
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("tools").endMetadata()
                    .withData(Map.of("level", "debug")).build()).create();
            client.resource(deployment("one")).create();

            await().atMost(Duration.ofSeconds(10)).until(() -> kubelet.events().stream()
                    .anyMatch(e -> e.contains("secret \"creds\" not found")));
            assertThat(kubelet.runningPod("tools", "dumper")).isEmpty();

            client.resource(new SecretBuilder().withNewMetadata().withName("creds").withNamespace("tools").endMetadata()
                    .withStringData(Map.of("TOKEN", "t0ken", "URL", "https://example.com")).build()).create();
            await().atMost(Duration.ofSeconds(20)).until(() -> kubelet.runningPod("tools", "dumper").isPresent());
        }
    }

    private static Deployment deployment(String release) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("dumper").withNamespace("tools").endMetadata()
                .withNewSpec().withReplicas(1)
                    .withNewSelector().addToMatchLabels("app", "dumper").endSelector()
                    .withNewTemplate()
                        .withNewMetadata().addToLabels("app", "dumper").addToAnnotations("release", release).endMetadata()
                        .withNewSpec().withServiceAccountName("dumper")
                            .addNewContainer().withName("dump").withImage(IMAGE)
                                .addNewEnvFrom().withNewSecretRef().withName("creds").endSecretRef().endEnvFrom()
                                .addNewEnv().withName("LEVEL").withNewValueFrom().withNewConfigMapKeyRef("level", "settings", false)
                                    .endValueFrom().endEnv()
                                .addNewEnv().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace")
                                    .endFieldRef().endValueFrom().endEnv()
                                .addNewEnv().withName("ENDPOINT").withValue("$(URL)/api").endEnv()
                                .addNewEnv().withName("RELEASE").withValue(release).endEnv()
                                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                                .addNewVolumeMount().withName("config").withMountPath("/etc/config").endVolumeMount()
                            .endContainer()
                            .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                            .addNewVolume().withName("config").withNewConfigMap().withName("settings").endConfigMap().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }
}
