package io.mooring.agent.domain;

import io.mooring.agent.domain.ClusterFacts.NodeFacts;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tells which provider ({@code cloudType} vocabulary of the registry) and which Kubernetes platform a cluster
 * runs on, from what any API server shows: node providerIDs, well-known node labels, kubelet and server
 * version suffixes, API groups and namespaces.
 *
 * <p>The platform is decided first, because a distribution that brings its own infrastructure story
 * (OpenShift, EKS Anywhere) must win over the cloud its machines happen to run on; only then does the
 * providerID scheme name the infrastructure of self-managed clusters.
 */
public final class ProviderDetector {

    public static final String GENERIC = "generic";
    public static final String AWS = "aws";
    public static final String EKS = "eks";
    public static final String AZURE = "azure";
    public static final String AKS = "aks";
    public static final String GCP = "gcp";
    public static final String GKE = "gke";
    public static final String VSPHERE = "vsphere";
    public static final String OPENSHIFT = "openshift";
    public static final String EKS_ANYWHERE = "eks-anywhere";

    public static final String PLATFORM_RANCHER_RKE2 = "rancher-rke2";
    public static final String PLATFORM_RANCHER_K3S = "rancher-k3s";
    public static final String PLATFORM_RKE2 = "rke2";
    public static final String PLATFORM_K3S = "k3s";
    public static final String PLATFORM_KUBEADM = "kubeadm";
    public static final String PLATFORM_KIND = "kind";
    public static final String PLATFORM_MINIKUBE = "minikube";
    public static final String PLATFORM_UNKNOWN = "unknown";

    /** The managed EKS service builds carry a commit hash: v1.30.4-eks-a737599. */
    private static final Pattern EKS_SERVICE_VERSION = Pattern.compile("-eks-[0-9a-f]{7,}$");
    /** EKS Distro builds (what EKS Anywhere runs) carry a release number instead: v1.27.1-eks-1-27-4. */
    private static final Pattern EKS_DISTRO_VERSION = Pattern.compile("-eks-\\d+-\\d+-\\d+$");
    private static final Pattern GKE_VERSION = Pattern.compile("-gke\\.\\d+");
    /** Upstream builds, and VMware's rebuilds of them, both installed by kubeadm. */
    private static final Pattern UPSTREAM_VERSION = Pattern.compile("^v\\d+\\.\\d+\\.\\d+(\\+vmware\\.\\d+)?$");

    private static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";

    /** The answer: {@code provider} is a registry cloudType, {@code platform} the Kubernetes distribution. */
    public record Detection(String provider, String platform) {
    }

    public Detection detect(ClusterFacts facts) {
        String platform = platform(facts);
        return new Detection(provider(facts, platform), platform);
    }

    private String platform(ClusterFacts facts) {
        if (isOpenShift(facts)) {
            return OPENSHIFT;
        }
        if (isEksAnywhere(facts)) {
            return EKS_ANYWHERE;
        }
        if (isEks(facts)) {
            return EKS;
        }
        if (isAks(facts)) {
            return AKS;
        }
        if (isGke(facts)) {
            return GKE;
        }
        // k3s and RKE2 ship helm.cattle.io and k3s.cattle.io themselves: only Rancher's own agent namespace
        // or its management API make a cluster Rancher-managed.
        boolean rancher = facts.namespaces().contains("cattle-system") || facts.apiGroups().contains("management.cattle.io");
        if (isRke2(facts)) {
            return rancher ? PLATFORM_RANCHER_RKE2 : PLATFORM_RKE2;
        }
        if (isK3s(facts)) {
            return rancher ? PLATFORM_RANCHER_K3S : PLATFORM_K3S;
        }
        if (isKind(facts)) {
            return PLATFORM_KIND;
        }
        if (anyNode(facts, n -> hasLabelPrefix(n, "minikube.k8s.io/"))) {
            return PLATFORM_MINIKUBE;
        }
        if (isKubeadm(facts)) {
            return PLATFORM_KUBEADM;
        }
        return PLATFORM_UNKNOWN;
    }

    private String provider(ClusterFacts facts, String platform) {
        switch (platform) {
            case OPENSHIFT:
            case EKS_ANYWHERE:
            case EKS:
            case AKS:
            case GKE:
                return platform;
            default:
                break;
        }
        switch (dominantProviderIdScheme(facts)) {
            case "aws":
                return AWS;
            case "azure":
                return AZURE;
            case "gce":
                return GCP;
            case "vsphere":
                return VSPHERE;
            default:
                // rke2://, k3s://, kind:// and no providerID at all say nothing about the machines.
                return GENERIC;
        }
    }

    private static boolean isOpenShift(ClusterFacts facts) {
        return facts.apiGroups().contains("config.openshift.io")
                || facts.namespaces().contains("openshift-kube-apiserver")
                || anyNode(facts, n -> n.labels().containsKey("node.openshift.io/os_id"));
    }

    private static boolean isEksAnywhere(ClusterFacts facts) {
        // Workload clusters managed from a separate management cluster may lack the CRDs, but they still run
        // EKS Distro, which the managed service never reports.
        return facts.apiGroups().contains("anywhere.eks.amazonaws.com")
                || facts.namespaces().contains("eksa-system")
                || anyNode(facts, n -> hasLabelPrefix(n, "anywhere.eks.amazonaws.com/"))
                || EKS_DISTRO_VERSION.matcher(facts.serverGitVersion()).find()
                || anyNode(facts, n -> EKS_DISTRO_VERSION.matcher(n.kubeletVersion()).find());
    }

    private static boolean isEks(ClusterFacts facts) {
        // Self-managed node groups lack the eks.amazonaws.com labels; the server version is there for all of them.
        return EKS_SERVICE_VERSION.matcher(facts.serverGitVersion()).find()
                || anyNode(facts, n -> hasLabelPrefix(n, "eks.amazonaws.com/"))
                || anyNode(facts, n -> EKS_SERVICE_VERSION.matcher(n.kubeletVersion()).find());
    }

    private static boolean isAks(ClusterFacts facts) {
        // Self-managed Azure clusters (kubeadm, CAPZ) also use scale sets, but never ones named aks-*.
        return anyNode(facts, n -> hasLabelPrefix(n, "kubernetes.azure.com/"))
                || anyNode(facts, n -> n.providerId().toLowerCase(Locale.ROOT).contains("/virtualmachinescalesets/aks-"));
    }

    private static boolean isGke(ClusterFacts facts) {
        return GKE_VERSION.matcher(facts.serverGitVersion()).find()
                || anyNode(facts, n -> hasLabelPrefix(n, "cloud.google.com/gke-"))
                || anyNode(facts, n -> GKE_VERSION.matcher(n.kubeletVersion()).find())
                || anyNode(facts, n -> n.providerId().startsWith("gce://") && instanceName(n.providerId()).startsWith("gke-"));
    }

    private static boolean isRke2(ClusterFacts facts) {
        return anyNode(facts, n -> n.kubeletVersion().contains("+rke2")
                || n.providerId().startsWith("rke2://")
                || "rke2".equals(n.labels().get(INSTANCE_TYPE)));
    }

    private static boolean isK3s(ClusterFacts facts) {
        // RKE2's containerd is a k3s build (containerd://1.7.17-k3s1), so the runtime version proves nothing.
        return anyNode(facts, n -> n.kubeletVersion().contains("+k3s")
                || n.providerId().startsWith("k3s://")
                || "k3s".equals(n.labels().get(INSTANCE_TYPE)));
    }

    private static boolean isKind(ClusterFacts facts) {
        // kind sets kind:// providerIDs since v0.11; older clusters still have its storage namespace and node names.
        return anyNode(facts, n -> n.providerId().startsWith("kind://"))
                || facts.namespaces().contains("local-path-storage")
                        && anyNode(facts, n -> n.name().endsWith("-control-plane"));
    }

    private static boolean isKubeadm(ClusterFacts facts) {
        // Managed services hide their control plane; kubeadm clusters show it, labelled, on upstream builds.
        boolean controlPlaneVisible = anyNode(facts, n -> n.labels().containsKey("node-role.kubernetes.io/control-plane")
                || n.labels().containsKey("node-role.kubernetes.io/master"));
        boolean upstreamBuilds = facts.nodes().stream()
                .allMatch(n -> UPSTREAM_VERSION.matcher(n.kubeletVersion()).matches());
        // Talos labels its control plane the same way but is not installed by kubeadm.
        boolean notTalos = facts.nodes().stream().noneMatch(n -> n.osImage().startsWith("Talos"));
        return controlPlaneVisible && upstreamBuilds && notTalos;
    }

    private static String dominantProviderIdScheme(ClusterFacts facts) {
        Map<String, Long> schemes = facts.nodes().stream()
                .map(NodeFacts::providerId)
                .filter(id -> id.contains("://"))
                .map(id -> id.substring(0, id.indexOf("://")).toLowerCase(Locale.ROOT))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return schemes.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElse("");
    }

    private static String instanceName(String providerId) {
        return providerId.substring(providerId.lastIndexOf('/') + 1);
    }

    private static boolean hasLabelPrefix(NodeFacts node, String prefix) {
        return node.labels().keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    private static boolean anyNode(ClusterFacts facts, Predicate<NodeFacts> test) {
        return facts.nodes().stream().anyMatch(test);
    }
}
