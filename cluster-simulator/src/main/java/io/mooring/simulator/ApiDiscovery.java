package io.mooring.simulator;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.RootPathsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mooring.simulator.ProviderProfile.ApiGroup;
import io.mooring.simulator.ProviderProfile.ApiResourceSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The discovery documents of the simulated API server: {@code /version}, {@code /api}, {@code /apis} and the
 * resource list of every group version, built from the upstream groups plus what the provider adds.
 */
final class ApiDiscovery {

    static final String METRICS_GROUP = "metrics.k8s.io";

    private static final List<String> READ_WRITE = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> CREATE_ONLY = List.of("create");
    private static final Set<String> CREATE_ONLY_RESOURCES = Set.of("bindings", "selfsubjectaccessreviews", "selfsubjectrulesreviews",
            "subjectaccessreviews", "localsubjectaccessreviews", "tokenreviews", "selfsubjectreviews");
    /** Groups whose resources list their status subresource, as clients that update status look for it. */
    private static final Set<String> WITH_STATUS = Set.of("", "apps", "batch");
    /** The short names upstream's discovery gives, which kubectl resolves ({@code kubectl get deploy}). */
    private static final Map<String, List<String>> SHORT_NAMES = Map.ofEntries(
            Map.entry("/componentstatuses", List.of("cs")), Map.entry("/configmaps", List.of("cm")),
            Map.entry("/endpoints", List.of("ep")), Map.entry("/events", List.of("ev")), Map.entry("/limitranges", List.of("limits")),
            Map.entry("/namespaces", List.of("ns")), Map.entry("/nodes", List.of("no")),
            Map.entry("/persistentvolumeclaims", List.of("pvc")), Map.entry("/persistentvolumes", List.of("pv")),
            Map.entry("/pods", List.of("po")), Map.entry("/replicationcontrollers", List.of("rc")),
            Map.entry("/resourcequotas", List.of("quota")), Map.entry("/serviceaccounts", List.of("sa")),
            Map.entry("/services", List.of("svc")), Map.entry("apps/daemonsets", List.of("ds")),
            Map.entry("apps/deployments", List.of("deploy")), Map.entry("apps/replicasets", List.of("rs")),
            Map.entry("apps/statefulsets", List.of("sts")), Map.entry("autoscaling/horizontalpodautoscalers", List.of("hpa")),
            Map.entry("batch/cronjobs", List.of("cj")), Map.entry("certificates.k8s.io/certificatesigningrequests", List.of("csr")),
            Map.entry("events.k8s.io/events", List.of("ev")), Map.entry("networking.k8s.io/ingresses", List.of("ing")),
            Map.entry("networking.k8s.io/networkpolicies", List.of("netpol")), Map.entry("policy/poddisruptionbudgets", List.of("pdb")),
            Map.entry("storage.k8s.io/storageclasses", List.of("sc")),
            Map.entry("apiextensions.k8s.io/customresourcedefinitions", List.of("crd", "crds")),
            Map.entry("scheduling.k8s.io/priorityclasses", List.of("pc")));
    private static final Pattern VERSION = Pattern.compile("^v(\\d+)\\.(\\d+)\\.\\d+(.*)$");

    /** group -> version -> resources; the first version of a group is its preferred one. */
    private final Map<String, Map<String, List<ApiResourceSpec>>> groups = new LinkedHashMap<>();
    private final String gitVersion;

    ApiDiscovery(ProviderProfile profile) {
        this.gitVersion = profile.gitVersion();
        for (ApiGroup group : upstream()) {
            add(group);
        }
        if (profile.metricsServer()) {
            add(new ApiGroup(METRICS_GROUP, "v1beta1", false, List.of(
                    new ApiResourceSpec("nodes", "NodeMetrics", false),
                    new ApiResourceSpec("pods", "PodMetrics", true))));
        }
        for (ApiGroup group : profile.apiGroups()) {
            add(group);
        }
    }

    private void add(ApiGroup group) {
        groups.computeIfAbsent(group.group(), g -> new LinkedHashMap<>())
                .computeIfAbsent(group.version(), v -> new ArrayList<>())
                .addAll(group.resources());
    }

    String gitVersion() {
        return gitVersion;
    }

    /** The named groups served at {@code /apis} (the core group has no name). */
    Set<String> groupNames() {
        Set<String> names = new LinkedHashSet<>(groups.keySet());
        names.remove("");
        return names;
    }

    boolean serves(String group) {
        return groups.containsKey(group);
    }

    boolean serves(String group, String version) {
        return groups.containsKey(group) && groups.get(group).containsKey(version);
    }

    /** Every resource of every group, for the rules of a permission review. */
    Map<String, Set<String>> resourcesByGroup() {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        groups.forEach((group, versions) -> versions.values().forEach(resources ->
                resources.forEach(r -> result.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(r.plural()))));
        return result;
    }

    /** Every served group version ({@code v1}, {@code apps/v1}) with its resources. */
    Map<String, List<ApiResourceSpec>> resources() {
        Map<String, List<ApiResourceSpec>> result = new LinkedHashMap<>();
        groups.forEach((group, versions) -> versions.forEach((version, resources) ->
                result.put(group.isEmpty() ? version : group + "/" + version, List.copyOf(resources))));
        return result;
    }

    String versionJson() {
        Matcher matcher = VERSION.matcher(gitVersion);
        String major = matcher.matches() ? matcher.group(1) : "1";
        // EKS reports its patched builds with a "30+" minor version.
        String minor = matcher.matches() ? matcher.group(2) + (matcher.group(3).startsWith("-eks-") ? "+" : "") : "0";
        Map<String, String> version = new LinkedHashMap<>();
        version.put("major", major);
        version.put("minor", minor);
        version.put("gitVersion", gitVersion);
        version.put("gitCommit", "a737599e8d0c4d2a9b1f6e3c7d5a8b2f0e4c1d96");
        version.put("gitTreeState", "clean");
        version.put("buildDate", "2024-09-11T10:21:36Z");
        version.put("goVersion", "go1.22.6");
        version.put("compiler", "gc");
        version.put("platform", "linux/amd64");
        return Serialization.asJson(version);
    }

    String rootPathsJson() {
        List<String> paths = new ArrayList<>(List.of("/api", "/api/v1", "/apis", "/apis/"));
        groups.forEach((group, versions) -> {
            if (!group.isEmpty()) {
                paths.add("/apis/" + group);
                versions.keySet().forEach(v -> paths.add("/apis/" + group + "/" + v));
            }
        });
        paths.addAll(Arrays.asList("/healthz", "/livez", "/readyz", "/version", "/openapi/v2", "/openapi/v3"));
        return Serialization.asJson(new RootPathsBuilder().withPaths(paths).build());
    }

    String coreVersionsJson() {
        return Serialization.asJson(new APIVersionsBuilder().withVersions("v1")
                .addNewServerAddressByClientCIDR().withClientCIDR("0.0.0.0/0").withServerAddress("10.0.0.1:443").endServerAddressByClientCIDR()
                .build());
    }

    String groupListJson() {
        List<APIGroup> list = new ArrayList<>();
        groups.forEach((name, versions) -> {
            if (!name.isEmpty()) {
                list.add(group(name, versions));
            }
        });
        return Serialization.asJson(new APIGroupListBuilder().withGroups(list).build());
    }

    /** The group document at {@code /apis/<group>}, or null when the group is not served. */
    String groupJson(String group) {
        Map<String, List<ApiResourceSpec>> versions = groups.get(group);
        return versions == null || group.isEmpty() ? null : Serialization.asJson(group(group, versions));
    }

    private static APIGroup group(String name, Map<String, List<ApiResourceSpec>> versions) {
        List<GroupVersionForDiscovery> served = versions.keySet().stream()
                .map(v -> new GroupVersionForDiscovery(name + "/" + v, v))
                .toList();
        return new APIGroupBuilder().withName(name).withVersions(served).withPreferredVersion(served.get(0)).build();
    }

    /** The resource list of one group version, or null when it is not served. */
    String resourceListJson(String group, String version) {
        Map<String, List<ApiResourceSpec>> versions = groups.get(group);
        if (versions == null || !versions.containsKey(version)) {
            return null;
        }
        var list = new APIResourceListBuilder().withGroupVersion(group.isEmpty() ? version : group + "/" + version);
        for (ApiResourceSpec resource : versions.get(version)) {
            boolean createOnly = CREATE_ONLY_RESOURCES.contains(resource.plural());
            boolean metrics = METRICS_GROUP.equals(group);
            list.addToResources(new APIResourceBuilder()
                    .withName(resource.plural())
                    .withSingularName(resource.kind().toLowerCase(Locale.ROOT))
                    .withKind(resource.kind())
                    .withNamespaced(resource.namespaced())
                    .withVerbs(metrics ? List.of("get", "list") : createOnly ? CREATE_ONLY : READ_WRITE)
                    .withShortNames(SHORT_NAMES.get(group + "/" + resource.plural()))
                    .build());
            if (!createOnly && !metrics && WITH_STATUS.contains(group)) {
                list.addToResources(new APIResourceBuilder().withName(resource.plural() + "/status").withSingularName("")
                        .withKind(resource.kind()).withNamespaced(resource.namespaced()).withVerbs("get", "patch", "update").build());
            }
        }
        return Serialization.asJson(list.build());
    }

    /** The groups and resources of upstream Kubernetes 1.29 to 1.31 that every cluster serves. */
    private static List<ApiGroup> upstream() {
        return List.of(
                group("", "v1", "bindings:Binding", "!componentstatuses:ComponentStatus", "configmaps:ConfigMap", "endpoints:Endpoints",
                        "events:Event", "limitranges:LimitRange", "!namespaces:Namespace", "!nodes:Node",
                        "persistentvolumeclaims:PersistentVolumeClaim", "!persistentvolumes:PersistentVolume", "pods:Pod",
                        "podtemplates:PodTemplate", "replicationcontrollers:ReplicationController", "resourcequotas:ResourceQuota",
                        "secrets:Secret", "serviceaccounts:ServiceAccount", "services:Service"),
                group("apiregistration.k8s.io", "v1", "!apiservices:APIService"),
                group("apps", "v1", "controllerrevisions:ControllerRevision", "daemonsets:DaemonSet", "deployments:Deployment",
                        "replicasets:ReplicaSet", "statefulsets:StatefulSet"),
                group("events.k8s.io", "v1", "events:Event"),
                group("authentication.k8s.io", "v1", "!selfsubjectreviews:SelfSubjectReview", "!tokenreviews:TokenReview"),
                group("authorization.k8s.io", "v1", "localsubjectaccessreviews:LocalSubjectAccessReview",
                        "!selfsubjectaccessreviews:SelfSubjectAccessReview", "!selfsubjectrulesreviews:SelfSubjectRulesReview",
                        "!subjectaccessreviews:SubjectAccessReview"),
                group("autoscaling", "v2", "horizontalpodautoscalers:HorizontalPodAutoscaler"),
                group("autoscaling", "v1", "horizontalpodautoscalers:HorizontalPodAutoscaler"),
                group("batch", "v1", "cronjobs:CronJob", "jobs:Job"),
                group("certificates.k8s.io", "v1", "!certificatesigningrequests:CertificateSigningRequest"),
                group("networking.k8s.io", "v1", "!ingressclasses:IngressClass", "ingresses:Ingress", "networkpolicies:NetworkPolicy"),
                group("policy", "v1", "poddisruptionbudgets:PodDisruptionBudget"),
                group("rbac.authorization.k8s.io", "v1", "!clusterrolebindings:ClusterRoleBinding", "!clusterroles:ClusterRole",
                        "rolebindings:RoleBinding", "roles:Role"),
                group("storage.k8s.io", "v1", "!csidrivers:CSIDriver", "!csinodes:CSINode", "csistoragecapacities:CSIStorageCapacity",
                        "!storageclasses:StorageClass", "!volumeattachments:VolumeAttachment"),
                group("admissionregistration.k8s.io", "v1", "!mutatingwebhookconfigurations:MutatingWebhookConfiguration",
                        "!validatingadmissionpolicies:ValidatingAdmissionPolicy",
                        "!validatingadmissionpolicybindings:ValidatingAdmissionPolicyBinding",
                        "!validatingwebhookconfigurations:ValidatingWebhookConfiguration"),
                group("apiextensions.k8s.io", "v1", "!customresourcedefinitions:CustomResourceDefinition"),
                group("scheduling.k8s.io", "v1", "!priorityclasses:PriorityClass"),
                group("coordination.k8s.io", "v1", "leases:Lease"),
                group("node.k8s.io", "v1", "!runtimeclasses:RuntimeClass"),
                group("discovery.k8s.io", "v1", "endpointslices:EndpointSlice"),
                group("flowcontrol.apiserver.k8s.io", "v1", "!flowschemas:FlowSchema", "!prioritylevelconfigurations:PriorityLevelConfiguration"));
    }

    private static ApiGroup group(String group, String version, String... resources) {
        return new ApiGroup(group, version, false, Arrays.stream(resources).map(r -> {
            boolean clusterScoped = r.startsWith("!");
            String[] parts = (clusterScoped ? r.substring(1) : r).split(":");
            return new ApiResourceSpec(parts[0], parts[1], !clusterScoped);
        }).toList());
    }
}
