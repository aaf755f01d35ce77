package io.mooring.registry.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.mooring.events.agent.InstalledObject;
import io.mooring.registry.domain.AgentNetwork;
import io.mooring.registry.domain.ImportMode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the import and cleanup manifests as fabric8 model objects and serialises them as multi-document
 * YAML with Jackson: user text is only ever a string value (an annotation value), so no name, label or
 * description can add a document, a key or a rule. Pure: no I/O, no Quarkus.
 *
 * <p>The import manifest installs, in this order: the {@value #NAMESPACE} namespace, the agent's
 * ServiceAccount, the RBAC of the mode, a Secret with the import token and the platform URL, the agent's empty
 * identity Secret ({@value #IDENTITY}) with a Role that lets the agent get and update that one Secret, the
 * ConfigMap with the platform's CA bundle when the cluster has one ({@value #PLATFORM_CA}), and the agent
 * Deployment (with {@code HTTPS_PROXY}/{@code NO_PROXY} when the cluster names a proxy). The identity Secret is where the agent keeps the re-registration secret its first registration
 * answers: it outlives the pod, so a rescheduled agent proves it is the installation that registered. The Role
 * names the Secret ({@code resourceNames}) in Mooring's own namespace; nothing else of the cluster becomes
 * writable, so the read-only promise (no Day-2 change to the user's cluster) holds. Read-only RBAC is one ClusterRole with get/list/watch on what the agent reads (nodes,
 * namespaces, pods, events, PVCs, workloads of the apps and batch groups, metrics.k8s.io) and nothing on
 * Secrets; its one non-read verb is {@code create} on {@code selfsubjectaccessreviews} and
 * {@code selfsubjectrulesreviews} (authorization.k8s.io), which only asks the API server what the agent itself
 * may do, so that it can confirm its own mode. Full permission binds the ServiceAccount to
 * {@code cluster-admin}. The two bindings have different names because a binding's role cannot be changed
 * in place: applying the full-permission manifest over a read-only installation adds the binding.
 */
public final class ManifestBuilder {

    public static final String NAMESPACE = "mooring-system";
    public static final String AGENT = "mooring-agent";
    public static final String READ_ONLY_ROLE = "mooring-agent-read-only";
    public static final String CLUSTER_ADMIN_BINDING = "mooring-agent-cluster-admin";
    public static final String CLUSTER_ADMIN = "cluster-admin";
    /** The agent's identity Secret, and the Role and RoleBinding that let the agent keep it. */
    public static final String IDENTITY = "mooring-agent-identity";

    public static final String ENV_PLATFORM_URL = "MOORING_PLATFORM_URL";
    public static final String ENV_IMPORT_TOKEN = "MOORING_IMPORT_TOKEN";
    public static final String ENV_CLUSTER_ID = "MOORING_CLUSTER_ID";
    public static final String ENV_IMPORT_MODE = "MOORING_IMPORT_MODE";
    /** Read by both the agent's platform client and its fabric8 client (which reads them itself). */
    public static final String ENV_HTTPS_PROXY = "HTTPS_PROXY";
    public static final String ENV_NO_PROXY = "NO_PROXY";
    /** The path of the mounted CA bundle (the agent's {@code mooring.agent.platform.ca-bundle}). */
    public static final String ENV_PLATFORM_CA_BUNDLE = "MOORING_PLATFORM_CA_BUNDLE";
    /** The ConfigMap with the cluster's CA bundle: CA certificates are public, so not a Secret. */
    public static final String PLATFORM_CA = "mooring-agent-platform-ca";
    public static final String PLATFORM_CA_DIR = "/etc/mooring-agent/platform-ca";
    public static final String PLATFORM_CA_KEY = "ca.crt";
    /**
     * Always direct, whatever the user's list: the in-cluster API by its names, and by the address the pod's
     * environment gives it. fabric8 builds the in-cluster API URL from {@code KUBERNETES_SERVICE_HOST} (an IP of
     * the service CIDR, which the registry cannot know); the kubelet sets that variable in every pod and expands
     * {@code $(KUBERNETES_SERVICE_HOST)} in an env value, so the API server's own address is on the list.
     */
    public static final List<String> IN_CLUSTER_NO_PROXY = List.of("kubernetes.default.svc", ".svc", ".cluster.local",
            "$(KUBERNETES_SERVICE_HOST)");
    /** The port of the agent image's health probes (docker/Dockerfile.jvm sets QUARKUS_HTTP_PORT to it). */
    static final int AGENT_PROBE_PORT = 8080;
    /** Where the agent stores its credential (the agent's default {@code mooring.agent.state-dir}). */
    public static final String STATE_DIR = "/var/lib/mooring-agent";

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String ANNOTATION_PREFIX = "mooring.io/";

    /** What an import manifest is made of; every string has been validated, or is ours. */
    public record ImportSpec(UUID clusterId, String clusterName, String project, String description,
            ImportMode mode, String platformUrl, String importToken, UUID importId, AgentSettings agent,
            AgentNetwork network) {

        public ImportSpec {
            network = network == null ? AgentNetwork.NONE : network;
        }

        /** An agent that goes direct and trusts its JVM's CAs only. */
        public ImportSpec(UUID clusterId, String clusterName, String project, String description, ImportMode mode,
                String platformUrl, String importToken, UUID importId, AgentSettings agent) {
            this(clusterId, clusterName, project, description, mode, platformUrl, importToken, importId, agent, null);
        }
    }

    /** The agent Deployment's settings. */
    public record AgentSettings(String image, String imagePullPolicy, String cpuRequest, String memoryRequest,
            String cpuLimit, String memoryLimit) {
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ManifestBuilder() {
    }

    /** The objects of an import manifest, in apply order. */
    public static List<HasMetadata> importObjects(ImportSpec spec) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(namespace(spec));
        objects.add(new ServiceAccountBuilder().withMetadata(meta(AGENT, NAMESPACE)).build());
        if (spec.mode() == ImportMode.FULL_PERMISSION) {
            objects.add(binding(CLUSTER_ADMIN_BINDING, CLUSTER_ADMIN));
        } else {
            objects.add(readOnlyRole());
            objects.add(binding(READ_ONLY_ROLE, READ_ONLY_ROLE));
        }
        objects.add(secret(spec));
        objects.add(new SecretBuilder().withMetadata(meta(IDENTITY, NAMESPACE)).withType("Opaque").build());
        objects.add(identityRole());
        objects.add(identityBinding());
        if (spec.network().caBundle() != null) {
            objects.add(platformCa(spec.network()));
        }
        objects.add(deployment(spec));
        return objects;
    }

    /** The import manifest as multi-document YAML. */
    public static String importManifest(ImportSpec spec) {
        return toYaml(importObjects(spec));
    }

    /**
     * Everything any import manifest (of either mode) installs, in the order to delete it: the read-only RBAC,
     * then the namespace (which takes the ServiceAccount, the Secret and the agent with it), then the
     * cluster-admin binding. Only what the import created: deleting it never touches the user's workloads.
     */
    public static List<InstalledObject> installedObjects() {
        return List.of(
                new InstalledObject("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, READ_ONLY_ROLE),
                new InstalledObject("rbac.authorization.k8s.io/v1", "ClusterRole", null, READ_ONLY_ROLE),
                new InstalledObject("apps/v1", "Deployment", NAMESPACE, AGENT),
                new InstalledObject("rbac.authorization.k8s.io/v1", "RoleBinding", NAMESPACE, IDENTITY),
                new InstalledObject("rbac.authorization.k8s.io/v1", "Role", NAMESPACE, IDENTITY),
                new InstalledObject("v1", "Secret", NAMESPACE, IDENTITY),
                new InstalledObject("v1", "Secret", NAMESPACE, AGENT),
                new InstalledObject("v1", "ConfigMap", NAMESPACE, PLATFORM_CA),
                new InstalledObject("v1", "ServiceAccount", NAMESPACE, AGENT),
                new InstalledObject("v1", "Namespace", null, NAMESPACE),
                new InstalledObject("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, CLUSTER_ADMIN_BINDING));
    }

    /**
     * The cleanup manifest for {@code kubectl delete --ignore-not-found -f}: the objects of
     * {@link #installedObjects()}, names only.
     */
    public static List<HasMetadata> cleanupObjects() {
        List<HasMetadata> objects = new ArrayList<>();
        for (InstalledObject object : installedObjects()) {
            ObjectMeta meta = meta(object.name(), object.namespace());
            objects.add(switch (object.kind()) {
                case "ClusterRoleBinding" -> new ClusterRoleBindingBuilder().withMetadata(meta).build();
                case "ClusterRole" -> new ClusterRoleBuilder().withMetadata(meta).build();
                case "RoleBinding" -> new RoleBindingBuilder().withMetadata(meta).build();
                case "Role" -> new RoleBuilder().withMetadata(meta).build();
                case "Deployment" -> new DeploymentBuilder().withMetadata(meta).build();
                case "Secret" -> new SecretBuilder().withMetadata(meta).build();
                case "ConfigMap" -> new ConfigMapBuilder().withMetadata(meta).build();
                case "ServiceAccount" -> new ServiceAccountBuilder().withMetadata(meta).build();
                case "Namespace" -> new NamespaceBuilder().withMetadata(meta).build();
                default -> throw new IllegalStateException("No builder for " + object.kind());
            });
        }
        return objects;
    }

    public static String cleanupManifest() {
        return toYaml(cleanupObjects());
    }

    /** Multi-document YAML, one document per object, every string quoted by the serialiser. */
    public static String toYaml(List<? extends HasMetadata> objects) {
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = YAML.writer().writeValues(out)) {
            for (HasMetadata object : objects) {
                writer.write(object);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the manifest", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The read-only rules: exactly what the agent reads, plus asking the API server about itself. */
    public static List<PolicyRule> readOnlyRules() {
        List<String> read = List.of("get", "list", "watch");
        return List.of(
                rule("", List.of("nodes", "namespaces", "pods", "events", "persistentvolumeclaims"), read),
                rule("events.k8s.io", List.of("events"), read),
                rule("apps", List.of("deployments", "statefulsets", "daemonsets", "replicasets"), read),
                rule("batch", List.of("jobs", "cronjobs"), read),
                rule("metrics.k8s.io", List.of("nodes", "pods"), read),
                rule("authorization.k8s.io", List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
                        List.of("create")));
    }

    private static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
    }

    private static Namespace namespace(ImportSpec spec) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ANNOTATION_PREFIX + "cluster-id", spec.clusterId().toString());
        annotations.put(ANNOTATION_PREFIX + "cluster-name", spec.clusterName());
        annotations.put(ANNOTATION_PREFIX + "project", spec.project());
        annotations.put(ANNOTATION_PREFIX + "import-mode", spec.mode().wire());
        if (spec.description() != null && !spec.description().isEmpty()) {
            annotations.put(ANNOTATION_PREFIX + "description", spec.description());
        }
        return new NamespaceBuilder()
                .withMetadata(new ObjectMetaBuilder(meta(NAMESPACE, null)).addToAnnotations(annotations).build())
                .build();
    }

    private static ClusterRole readOnlyRole() {
        return new ClusterRoleBuilder().withMetadata(meta(READ_ONLY_ROLE, null)).withRules(readOnlyRules()).build();
    }

    /** Get and update on the identity Secret only: RBAC cannot limit create by name, so the manifest creates it. */
    public static PolicyRule identityRule() {
        return new PolicyRuleBuilder().withApiGroups("").withResources("secrets").withResourceNames(IDENTITY)
                .withVerbs("get", "update").build();
    }

    private static Role identityRole() {
        return new RoleBuilder().withMetadata(meta(IDENTITY, NAMESPACE)).withRules(identityRule()).build();
    }

    private static RoleBinding identityBinding() {
        return new RoleBindingBuilder()
                .withMetadata(meta(IDENTITY, NAMESPACE))
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", IDENTITY)
                .addNewSubject().withKind("ServiceAccount").withName(AGENT).withNamespace(NAMESPACE).endSubject()
                .build();
    }

    private static ClusterRoleBinding binding(String name, String role) {
        return new ClusterRoleBindingBuilder()
                .withMetadata(meta(name, null))
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                .addNewSubject().withKind("ServiceAccount").withName(AGENT).withNamespace(NAMESPACE).endSubject()
                .build();
    }

    private static Secret secret(ImportSpec spec) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(ENV_PLATFORM_URL, spec.platformUrl());
        data.put(ENV_CLUSTER_ID, spec.clusterId().toString());
        data.put(ENV_IMPORT_TOKEN, spec.importToken());
        return new SecretBuilder().withMetadata(meta(AGENT, NAMESPACE)).withType("Opaque").withStringData(data).build();
    }

    private static Deployment deployment(ImportSpec spec) {
        AgentSettings agent = spec.agent();
        Map<String, String> selector = Map.of("app.kubernetes.io/name", AGENT);
        return new DeploymentBuilder()
                .withMetadata(meta(AGENT, NAMESPACE))
                .withNewSpec()
                    .withReplicas(1)
                    .withRevisionHistoryLimit(2)
                    // One agent at a time: two would register and report for the same cluster.
                    .withNewStrategy().withType("Recreate").endStrategy()
                    .withNewSelector().withMatchLabels(selector).endSelector()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(labels())
                            // A new import command (a migration too) changes the pod template, so the agent
                            // restarts with the new token. The id names the command; it is not a secret.
                            .addToAnnotations(ANNOTATION_PREFIX + "import-mode", spec.mode().wire())
                            .addToAnnotations(ANNOTATION_PREFIX + "import-id", String.valueOf(spec.importId()))
                        .endMetadata()
                        .withNewSpec()
                            .withServiceAccountName(AGENT)
                            .withAutomountServiceAccountToken(true)
                            .addToNodeSelector("kubernetes.io/os", "linux")
                            // The restricted Pod Security Standard, with no fixed UID, GID or fsGroup: OpenShift's
                            // restricted SCC assigns them from the namespace's range and refuses a pod that pins
                            // its own; elsewhere the image's numeric USER (185) applies. Every path the agent
                            // writes is an emptyDir, which any assigned UID may write.
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true)
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            .addToContainers(new ContainerBuilder()
                                    .withName("agent")
                                    .withImage(agent.image())
                                    .withImagePullPolicy(agent.imagePullPolicy())
                                    .addNewEnvFrom().withNewSecretRef().withName(AGENT).endSecretRef().endEnvFrom()
                                    .addToEnv(new EnvVarBuilder().withName(ENV_IMPORT_MODE).withValue(spec.mode().wire())
                                            .build())
                                    .addToEnv(new EnvVarBuilder().withName("POD_NAMESPACE").withNewValueFrom()
                                            .withNewFieldRef().withFieldPath("metadata.namespace").endFieldRef()
                                            .endValueFrom().build())
                                    .addAllToEnv(networkEnv(spec.network()))
                                    .withNewResources()
                                        .addToRequests("cpu", new Quantity(agent.cpuRequest()))
                                        .addToRequests("memory", new Quantity(agent.memoryRequest()))
                                        .addToLimits("cpu", new Quantity(agent.cpuLimit()))
                                        .addToLimits("memory", new Quantity(agent.memoryLimit()))
                                    .endResources()
                                    .withNewSecurityContext()
                                        .withRunAsNonRoot(true)
                                        .withReadOnlyRootFilesystem(true)
                                        .withAllowPrivilegeEscalation(false)
                                        .withPrivileged(false)
                                        .withNewCapabilities().addToDrop("ALL").endCapabilities()
                                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                                    .endSecurityContext()
                                    // The agent image listens on 8080 for its probes only; ready means registered
                                    // and reporting.
                                    .withNewReadinessProbe().withNewHttpGet().withPath("/q/health/ready")
                                        .withNewPort(AGENT_PROBE_PORT).endHttpGet().withPeriodSeconds(10)
                                        .endReadinessProbe()
                                    .withNewLivenessProbe().withNewHttpGet().withPath("/q/health/live")
                                        .withNewPort(AGENT_PROBE_PORT).endHttpGet().withInitialDelaySeconds(30)
                                        .withPeriodSeconds(20).endLivenessProbe()
                                    .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                                    // The agent keeps its credential here, so a restarted container goes on
                                    // with it instead of the spent import token.
                                    .addNewVolumeMount().withName("state").withMountPath(STATE_DIR)
                                        .endVolumeMount()
                                    .addAllToVolumeMounts(networkMounts(spec.network()))
                                    .build())
                            .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi"))
                                .endEmptyDir().endVolume()
                            .addNewVolume().withName("state").withNewEmptyDir().withSizeLimit(new Quantity("1Mi"))
                                .endEmptyDir().endVolume()
                            .addAllToVolumes(networkVolumes(spec.network()))
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * The proxy as {@code HTTPS_PROXY} and {@code NO_PROXY} (the in-cluster API always included), and the path of
     * the CA bundle. Plain values, not a Secret: the proxy URL carries no credentials (the API refuses them).
     */
    static List<EnvVar> networkEnv(AgentNetwork network) {
        List<EnvVar> env = new ArrayList<>();
        if (network.httpsProxy() != null) {
            env.add(new EnvVarBuilder().withName(ENV_HTTPS_PROXY).withValue(network.httpsProxy()).build());
            Set<String> noProxy = new LinkedHashSet<>(IN_CLUSTER_NO_PROXY);
            noProxy.addAll(network.noProxy());
            env.add(new EnvVarBuilder().withName(ENV_NO_PROXY).withValue(String.join(",", noProxy)).build());
        }
        if (network.caBundle() != null) {
            env.add(new EnvVarBuilder().withName(ENV_PLATFORM_CA_BUNDLE).withValue(PLATFORM_CA_DIR + "/" + PLATFORM_CA_KEY)
                    .build());
        }
        return env;
    }

    private static List<VolumeMount> networkMounts(AgentNetwork network) {
        return network.caBundle() == null ? List.of()
                : List.of(new VolumeMountBuilder().withName("platform-ca").withMountPath(PLATFORM_CA_DIR).withReadOnly(true)
                        .build());
    }

    private static List<Volume> networkVolumes(AgentNetwork network) {
        return network.caBundle() == null ? List.of()
                : List.of(new VolumeBuilder().withName("platform-ca").withNewConfigMap().withName(PLATFORM_CA)
                        .withDefaultMode(0444).endConfigMap().build());
    }

    private static ConfigMap platformCa(AgentNetwork network) {
        return new ConfigMapBuilder().withMetadata(meta(PLATFORM_CA, NAMESPACE))
                .addToData(PLATFORM_CA_KEY, network.caBundle()).build();
    }

    private static ObjectMeta meta(String name, String namespace) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels()).build();
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", AGENT);
        labels.put("app.kubernetes.io/part-of", "mooring");
        labels.put(MANAGED_BY, "mooring");
        return labels;
    }
}
