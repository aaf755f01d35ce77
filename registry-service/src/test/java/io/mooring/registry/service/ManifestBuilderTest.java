package io.mooring.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mooring.events.agent.InstalledObject;
import io.mooring.registry.RegistryApi;
import io.mooring.registry.domain.AgentNetwork;
import io.mooring.registry.domain.ImportMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ManifestBuilderTest {

    private static final ManifestBuilder.AgentSettings AGENT = new ManifestBuilder.AgentSettings(
            "registry.example.com/agent:9.9.9", "Always", "10m", "64Mi", "1", "1Gi");

    @Test
    void readOnlyRulesAreGetListWatchExceptAskingAboutItself() {
        for (PolicyRule rule : ManifestBuilder.readOnlyRules()) {
            if (rule.getApiGroups().contains("authorization.k8s.io")) {
                assertThat(rule.getVerbs()).containsExactly("create");
                assertThat(rule.getResources()).containsExactlyInAnyOrder("selfsubjectaccessreviews",
                        "selfsubjectrulesreviews");
            } else {
                assertThat(rule.getVerbs()).containsExactly("get", "list", "watch");
                assertThat(rule.getResources()).doesNotContain("secrets", "*", "configmaps");
            }
        }
    }

    @Test
    void theImportManifestRoundTripsThroughYamlIntoTheSameObjects() {
        ManifestBuilder.ImportSpec spec = spec(ImportMode.READ_ONLY, "line one\n--- \nkind: Secret\n\"x\": 'y'");
        List<HasMetadata> built = ManifestBuilder.importObjects(spec);
        String yaml = ManifestBuilder.importManifest(spec);

        List<HasMetadata> parsed = RegistryApi.parse(yaml);
        assertThat(parsed).isEqualTo(built);
        // fabric8's own reader agrees: nine documents, the same kinds.
        List<HasMetadata> viaFabric8 = new KubernetesSerialization().unmarshal(yaml);
        assertThat(viaFabric8).extracting(HasMetadata::getKind).containsExactly(
                "Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Secret", "Secret", "Role",
                "RoleBinding", "Deployment");
        assertThat(yaml.lines().filter(l -> l.equals("---"))).hasSize(9);
    }

    @Test
    void userTextIsOnlyAnAnnotationValueAndTheTokenOnlyInTheSecret() {
        String description = "evil\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system";
        List<HasMetadata> objects = RegistryApi.parse(ManifestBuilder.importManifest(spec(ImportMode.READ_ONLY,
                description)));
        Namespace namespace = RegistryApi.ofKind(objects, Namespace.class).get(0);
        assertThat(namespace.getMetadata().getName()).isEqualTo("mooring-system");
        assertThat(namespace.getMetadata().getAnnotations()).containsEntry("mooring.io/description", description);
        assertThat(objects).extracting(o -> o.getMetadata().getName()).doesNotContain("kube-system");
        assertThat(RegistryApi.ofKind(objects, Secret.class).get(0).getStringData())
                .containsEntry("MOORING_IMPORT_TOKEN", "the-token");
        assertThat(ManifestBuilder.importManifest(spec(ImportMode.READ_ONLY, null)))
                .doesNotContain("mooring.io/description");
    }

    @Test
    void theAgentMayOnlyGetAndUpdateItsOwnIdentitySecretInItsOwnNamespace() {
        for (ImportMode mode : ImportMode.values()) {
            List<HasMetadata> objects = ManifestBuilder.importObjects(spec(mode, null));
            Role role = RegistryApi.ofKind(objects, Role.class).get(0);
            assertThat(role.getMetadata().getNamespace()).isEqualTo("mooring-system");
            assertThat(role.getRules()).singleElement().satisfies(rule -> {
                assertThat(rule.getApiGroups()).containsExactly("");
                assertThat(rule.getResources()).containsExactly("secrets");
                assertThat(rule.getResourceNames()).containsExactly("mooring-agent-identity");
                assertThat(rule.getVerbs()).containsExactly("get", "update");
            });
            RoleBinding binding = RegistryApi.ofKind(objects, RoleBinding.class).get(0);
            assertThat(binding.getMetadata().getNamespace()).isEqualTo("mooring-system");
            assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(binding.getRoleRef().getName()).isEqualTo("mooring-agent-identity");
            assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getName())
                    .isEqualTo("mooring-agent"));
            // The manifest creates the Secret empty (RBAC cannot limit create by name); the agent fills it.
            Secret identity = RegistryApi.ofKind(objects, Secret.class).stream()
                    .filter(x -> x.getMetadata().getName().equals("mooring-agent-identity")).findFirst().orElseThrow();
            assertThat(identity.getMetadata().getNamespace()).isEqualTo("mooring-system");
            assertThat(identity.getData()).isNullOrEmpty();
            assertThat(identity.getStringData()).isNullOrEmpty();
        }
    }

    @Test
    void aNewImportCommandChangesThePodTemplateSoTheAgentRestartsWithItsToken() {
        ManifestBuilder.ImportSpec first = spec(ImportMode.READ_ONLY, null);
        ManifestBuilder.ImportSpec second = spec(ImportMode.READ_ONLY, null);
        assertThat(template(first)).containsEntry("mooring.io/import-id", first.importId().toString());
        assertThat(template(first)).isNotEqualTo(template(second));
    }

    private static Map<String, String> template(ManifestBuilder.ImportSpec spec) {
        return RegistryApi.ofKind(ManifestBuilder.importObjects(spec), Deployment.class).get(0).getSpec().getTemplate()
                .getMetadata().getAnnotations();
    }

    @Test
    void theFullPermissionManifestBindsClusterAdmin() {
        List<HasMetadata> objects = ManifestBuilder.importObjects(spec(ImportMode.FULL_PERMISSION, null));
        assertThat(RegistryApi.ofKind(objects, ClusterRoleBinding.class)).singleElement()
                .satisfies(b -> assertThat(b.getRoleRef().getName()).isEqualTo("cluster-admin"));
        Deployment deployment = RegistryApi.ofKind(objects, Deployment.class).get(0);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("mooring.io/import-mode", "full-permission");
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/agent:9.9.9");
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    }

    @Test
    void theCleanupManifestListsWhatTheAgentIsToldToRemove() {
        List<HasMetadata> cleanup = RegistryApi.parse(ManifestBuilder.cleanupManifest());
        assertThat(cleanup).extracting(o -> new InstalledObject(o.getApiVersion(), o.getKind(),
                o.getMetadata().getNamespace(), o.getMetadata().getName()))
                .containsExactlyElementsOf(ManifestBuilder.installedObjects());
        // Everything either import manifest installs is in it.
        for (ImportMode mode : ImportMode.values()) {
            for (HasMetadata installed : ManifestBuilder.importObjects(spec(mode, null))) {
                assertThat(cleanup).anySatisfy(o -> {
                    assertThat(o.getKind()).isEqualTo(installed.getKind());
                    assertThat(o.getMetadata().getName()).isEqualTo(installed.getMetadata().getName());
                });
            }
        }
    }

    @Test
    void aProxyAndACaBundleBecomeTheAgentsEnvironmentAndAReadOnlyConfigMapMount() throws Exception {
        String pem;
        try (var in = getClass().getClassLoader().getResourceAsStream("agent-network/root-ca.pem")) {
            pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        AgentNetwork network = AgentNetwork.of("http://proxy.corp:3128", List.of(".corp"), pem);
        ManifestBuilder.ImportSpec spec = new ManifestBuilder.ImportSpec(UUID.randomUUID(), "prod-eu", "payments", null,
                ImportMode.READ_ONLY, "https://mooring.example.com", "the-token", UUID.randomUUID(), AGENT, network);

        List<HasMetadata> objects = ManifestBuilder.importObjects(spec);
        assertThat(RegistryApi.parse(ManifestBuilder.importManifest(spec))).isEqualTo(objects);
        assertThat(new KubernetesSerialization().unmarshal(ManifestBuilder.importManifest(spec)).toString())
                .contains("$(KUBERNETES_SERVICE_HOST)");
        var pod = RegistryApi.ofKind(objects, Deployment.class).get(0).getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).contains(
                "HTTPS_PROXY=http://proxy.corp:3128",
                "NO_PROXY=kubernetes.default.svc,.svc,.cluster.local,$(KUBERNETES_SERVICE_HOST),.corp",
                "MOORING_PLATFORM_CA_BUNDLE=/etc/mooring-agent/platform-ca/ca.crt");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getConfigMap() != null).singleElement().satisfies(v -> {
            assertThat(v.getConfigMap().getName()).isEqualTo(ManifestBuilder.PLATFORM_CA);
            assertThat(v.getConfigMap().getDefaultMode()).isEqualTo(0444);
        });
        assertThat(RegistryApi.ofKind(objects, ConfigMap.class)).singleElement()
                .satisfies(c -> assertThat(c.getData()).containsOnlyKeys("ca.crt"));

        var direct = RegistryApi.ofKind(ManifestBuilder.importObjects(spec(ImportMode.READ_ONLY, null)), Deployment.class)
                .get(0).getSpec().getTemplate().getSpec();
        assertThat(direct.getContainers().get(0).getEnv()).extracting(e -> e.getName())
                .doesNotContain("HTTPS_PROXY", "NO_PROXY", "MOORING_PLATFORM_CA_BUNDLE");
        assertThat(direct.getVolumes()).allSatisfy(v -> assertThat(v.getConfigMap()).isNull());
    }

    @Test
    void everyPodOfEitherManifestMeetsTheRestrictedPodSecurityStandardWithoutAFixedUserOrGroup() {
        for (ImportMode mode : ImportMode.values()) {
            // Parsed from the YAML kubectl applies, not the builder's objects: what matters is what the cluster reads.
            List<HasMetadata> objects = RegistryApi.parse(ManifestBuilder.importManifest(spec(mode, null)));
            List<PodSpec> pods = podSpecs(objects);
            assertThat(pods).as("pod specs of the %s manifest", mode).isNotEmpty();
            for (PodSpec pod : pods) {
                assertThat(restrictedViolations(pod)).as("restricted PSS violations (%s)", mode).isEmpty();
            }
        }
    }

    @Test
    void theAgentWritesOnlyToEmptyDirsUnderItsReadOnlyRootFilesystem() {
        PodSpec pod = podSpecs(ManifestBuilder.importObjects(spec(ImportMode.READ_ONLY, null))).get(0);
        Container agent = pod.getContainers().get(0);
        assertThat(agent.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(agent.getVolumeMounts()).extracting(VolumeMount::getMountPath)
                .contains("/tmp", ManifestBuilder.STATE_DIR);
        for (VolumeMount mount : agent.getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow();
            if (!Boolean.TRUE.equals(mount.getReadOnly())) {
                assertThat(volume.getEmptyDir()).as("writable volume %s", volume.getName()).isNotNull();
            }
        }
    }

    /** Every pod template a workload of the manifest carries (Deployments today; any workload kind tomorrow). */
    private static List<PodSpec> podSpecs(List<HasMetadata> objects) {
        List<PodSpec> specs = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof Deployment d) {
                specs.add(d.getSpec().getTemplate().getSpec());
            } else if (object instanceof StatefulSet s) {
                specs.add(s.getSpec().getTemplate().getSpec());
            } else if (object instanceof DaemonSet d) {
                specs.add(d.getSpec().getTemplate().getSpec());
            } else if (object instanceof Job j) {
                specs.add(j.getSpec().getTemplate().getSpec());
            } else if (object instanceof CronJob c) {
                specs.add(c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
            } else if (object instanceof io.fabric8.kubernetes.api.model.Pod p) {
                specs.add(p.getSpec());
            }
        }
        return specs;
    }

    /** Volume types the restricted profile allows. */
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    /**
     * The checks of the restricted Pod Security Standard (Kubernetes 1.25 and later, baseline included), plus what
     * OpenShift's restricted SCC adds: no fixed UID, GID or fsGroup. Returns what fails, so a failure says why.
     */
    private static List<String> restrictedViolations(PodSpec pod) {
        List<String> violations = new ArrayList<>();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("host namespaces");
        }
        PodSecurityContext podContext = pod.getSecurityContext() == null ? new PodSecurityContext()
                : pod.getSecurityContext();
        if (podContext.getRunAsUser() != null || podContext.getRunAsGroup() != null
                || podContext.getFsGroup() != null) {
            violations.add("pod pins runAsUser/runAsGroup/fsGroup");
        }
        if (podContext.getSysctls() != null && !podContext.getSysctls().isEmpty()) {
            violations.add("pod sets sysctls");
        }
        for (Volume volume : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
            Map<String, Object> fields = new KubernetesSerialization().convertValue(volume, Map.class);
            fields.keySet().stream().filter(k -> !k.equals("name") && !RESTRICTED_VOLUMES.contains(k))
                    .forEach(k -> violations.add("volume " + volume.getName() + " of type " + k));
        }
        List<Container> containers = Stream.of(pod.getInitContainers(), pod.getContainers())
                .filter(list -> list != null).flatMap(List::stream).toList();
        for (Container container : containers) {
            String name = "container " + container.getName() + ": ";
            SecurityContext context = container.getSecurityContext() == null ? new SecurityContext()
                    : container.getSecurityContext();
            if (Boolean.TRUE.equals(context.getPrivileged())) {
                violations.add(name + "privileged");
            }
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                violations.add(name + "allowPrivilegeEscalation is not false");
            }
            boolean nonRoot = Boolean.TRUE.equals(context.getRunAsNonRoot())
                    || context.getRunAsNonRoot() == null && Boolean.TRUE.equals(podContext.getRunAsNonRoot());
            if (!nonRoot) {
                violations.add(name + "runAsNonRoot is not true");
            }
            if (context.getRunAsUser() != null || context.getRunAsGroup() != null) {
                violations.add(name + "pins runAsUser/runAsGroup");
            }
            SeccompProfile seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile()
                    : podContext.getSeccompProfile();
            if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
                violations.add(name + "seccompProfile is not RuntimeDefault or Localhost");
            }
            Capabilities capabilities = context.getCapabilities();
            if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
                violations.add(name + "does not drop ALL capabilities");
            }
            if (capabilities != null && capabilities.getAdd() != null
                    && !Set.of("NET_BIND_SERVICE").containsAll(capabilities.getAdd())) {
                violations.add(name + "adds capabilities " + capabilities.getAdd());
            }
            if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
                violations.add(name + "root filesystem is writable");
            }
            if (container.getPorts() != null && container.getPorts().stream().anyMatch(p -> p.getHostPort() != null)) {
                violations.add(name + "host port");
            }
        }
        return violations;
    }

    private static ManifestBuilder.ImportSpec spec(ImportMode mode, String description) {
        return new ManifestBuilder.ImportSpec(UUID.randomUUID(), "prod-eu", "payments", description, mode,
                "https://mooring.example.com", "the-token", UUID.randomUUID(), AGENT);
    }
}
