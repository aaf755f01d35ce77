package io.mooring.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code kubectl} against a simulated cluster: discovery, the OpenAPI document it validates with,
 * client-side apply (create, then strategic merge patches computed from the last-applied annotation) and
 * server-side apply. Skipped without a kubectl, except in CI (environment variable {@code CI}), where it fails.
 */
class KubectlTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static Kubectl kubectl;

    @TempDir
    Path dir;

    @BeforeAll
    static void findKubectl() {
        var found = Kubectl.locate(Path.of("..").toAbsolutePath().normalize());
        if (found.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException(Kubectl.missing());
        }
        Assumptions.assumeTrue(found.isPresent(), Kubectl.missing());
        kubectl = found.get();
        System.out.println("kubectl: " + kubectl.binary() + " (" + kubectl.clientVersion() + ")");
    }

    @AfterAll
    static void forget() {
        kubectl = null;
    }

    @Test
    void discoveryAndVersionAnswerKubectl() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.EKS).tls(true).nodes(2).podsPerNode(3).start()) {
            Path kubeconfig = cluster.writeAdminKubeconfig(dir.resolve("kubeconfig"));

            Kubectl.Result resources = kubectl.run(kubeconfig, TIMEOUT, List.of("api-resources"));
            assertThat(resources.succeeded()).as(resources.toString()).isTrue();
            assertThat(resources.stdout()).containsPattern("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment")
                    .containsPattern("clusterroles\\s+.*rbac.authorization.k8s.io/v1\\s+false\\s+ClusterRole");

            Kubectl.Result nodes = kubectl.run(kubeconfig, TIMEOUT, List.of("get", "nodes", "-o", "name"));
            assertThat(nodes.succeeded()).as(nodes.toString()).isTrue();
            assertThat(nodes.stdout().lines()).hasSize(cluster.nodeCount());
        }
    }

    @Test
    void aManifestIsCreatedThenReappliedWithoutChange() throws Exception {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.KUBEADM).tls(true).nodes(1).podsPerNode(2).start()) {
            Path kubeconfig = cluster.writeAdminKubeconfig(dir.resolve("kubeconfig"));
            Path manifest = write("app.yaml", manifest("v1", List.of("A=1", "B=2")));

            Kubectl.Result first = kubectl.run(kubeconfig, TIMEOUT, List.of("apply", "-f", manifest.toString()));
            assertThat(first.succeeded()).as(first.toString()).isTrue();
            assertThat(first.stdout()).contains("namespace/shop created", "serviceaccount/shop created",
                    "configmap/shop created", "secret/shop created", "deployment.apps/shop created");

            Kubectl.Result second = kubectl.run(kubeconfig, TIMEOUT, List.of("apply", "-f", manifest.toString()));
            assertThat(second.succeeded()).as(second.toString()).isTrue();
            assertThat(second.stdout()).contains("namespace/shop unchanged", "configmap/shop unchanged",
                    "deployment.apps/shop unchanged");
            // stringData is never stored, so kubectl always finds it missing and sends it again, as with a real server.
            assertThat(second.stdout()).containsPattern("secret/shop (unchanged|configured)");

            // The API server keeps a Secret's stringData as base64 data only.
            Secret secret = cluster.client().secrets().inNamespace("shop").withName("shop").get();
            assertThat(secret.getStringData()).isNullOrEmpty();
            assertThat(new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8))
                    .isEqualTo("s3cret");
        }
    }

    @Test
    void aChangedManifestIsMergedByKeyAndKeepsWhatOthersSet() throws Exception {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.KUBEADM).tls(true).nodes(1).podsPerNode(2).start()) {
            Path kubeconfig = cluster.writeAdminKubeconfig(dir.resolve("kubeconfig"));
            Path manifest = write("app.yaml", manifest("v1", List.of("A=1", "B=2", "C=3")));
            assertThat(kubectl.run(kubeconfig, TIMEOUT, List.of("apply", "-f", manifest.toString())).succeeded()).isTrue();
            // Someone else (a controller, another tool) labels the Deployment: not in any applied configuration.
            cluster.client().apps().deployments().inNamespace("shop").withName("shop")
                    .edit(d -> {
                        d.getMetadata().getLabels().put("team", "checkout");
                        return d;
                    });

            Path changed = write("app-v2.yaml", manifest("v2", List.of("A=1", "B=20", "D=4")));
            Kubectl.Result apply = kubectl.run(kubeconfig, TIMEOUT, List.of("apply", "-f", changed.toString()));

            assertThat(apply.succeeded()).as(apply.toString()).isTrue();
            assertThat(apply.stdout()).contains("deployment.apps/shop configured", "configmap/shop unchanged");
            Deployment deployment = cluster.client().apps().deployments().inNamespace("shop").withName("shop").get();
            var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).isEqualTo("example.com/shop:v2");
            // C left the configuration, so it goes; B changed in place; D is added; the sidecar is untouched.
            assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "1"), org.assertj.core.groups.Tuple.tuple("B", "20"),
                            org.assertj.core.groups.Tuple.tuple("D", "4"));
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).extracting(c -> c.getName())
                    .containsExactly("shop", "sidecar");
            assertThat(deployment.getMetadata().getLabels()).containsEntry("team", "checkout");
            assertThat(deployment.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/last-applied-configuration");
        }
    }

    @Test
    void serverSideApplyCreatesAndReapplies() throws Exception {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.K3S).tls(true).nodes(1).podsPerNode(2).start()) {
            Path kubeconfig = cluster.writeAdminKubeconfig(dir.resolve("kubeconfig"));
            Path manifest = write("app.yaml", manifest("v1", List.of("A=1")));

            for (int run = 0; run < 2; run++) {
                Kubectl.Result apply = kubectl.run(kubeconfig, TIMEOUT, List.of("apply", "--server-side", "-f", manifest.toString()));
                assertThat(apply.succeeded()).as(apply.toString()).isTrue();
                assertThat(apply.stdout()).contains("namespace/shop serverside-applied", "deployment.apps/shop serverside-applied");
            }
            assertThat(cluster.client().apps().deployments().inNamespace("shop").withName("shop").get().getSpec().getReplicas())
                    .isEqualTo(1);
        }
    }

    @Test
    void validationRefusesAnUnknownField() throws Exception {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.KUBEADM).tls(true).nodes(1).podsPerNode(2).start()) {
            Path kubeconfig = cluster.writeAdminKubeconfig(dir.resolve("kubeconfig"));
            Path manifest = write("typo.yaml", manifest("v1", List.of("A=1")).replace("  replicas: 1", "  replicaz: 1"));

            Kubectl.Result apply = kubectl.run(kubeconfig, TIMEOUT, List.of("apply", "-f", manifest.toString()));

            assertThat(apply.exitCode()).as(apply.toString()).isNotZero();
            assertThat(apply.stderr()).contains("replicaz");
            assertThat(cluster.client().apps().deployments().inNamespace("shop").withName("shop").get()).isNull();
        }
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static String manifest(String version, List<String> env) {
        StringBuilder vars = new StringBuilder();
        for (String pair : env) {
            String[] parts = pair.split("=");
            vars.append("        - name: ").append(parts[0]).append("\n          value: \"").append(parts[1]).append("\"\n");
        }
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: shop
                  namespace: shop
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shop
                  namespace: shop
                data:
                  greeting: hello
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: shop
                  namespace: shop
                type: Opaque
                stringData:
                  password: s3cret
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                  namespace: shop
                  labels:
                    app: shop
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: shop
                  template:
                    metadata:
                      labels:
                        app: shop
                    spec:
                      serviceAccountName: shop
                      securityContext:
                        runAsNonRoot: true
                        seccompProfile:
                          type: RuntimeDefault
                      containers:
                      - name: shop
                        image: example.com/shop:%s
                        env:
                %s        resources:
                          requests:
                            cpu: 10m
                            memory: 64Mi
                        volumeMounts:
                        - name: tmp
                          mountPath: /tmp
                      - name: sidecar
                        image: example.com/sidecar:1
                      volumes:
                      - name: tmp
                        emptyDir: {}
                """.formatted(version, vars);
    }
}
