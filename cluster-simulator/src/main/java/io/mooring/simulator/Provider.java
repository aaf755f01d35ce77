package io.mooring.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of imported cluster the simulator can play, with the provider ({@code cloudType}) and platform an
 * agent is expected to detect on each.
 */
public enum Provider {
    AWS_EC2("aws", "aws", "kubeadm"),
    EKS("eks", "eks", "eks"),
    AZURE_VM("azure", "azure", "kubeadm"),
    AKS("aks", "aks", "aks"),
    GCP_VM("gcp", "gcp", "kubeadm"),
    GKE("gke", "gke", "gke"),
    VSPHERE("vsphere", "vsphere", "kubeadm"),
    OPENSHIFT("openshift", "openshift", "openshift"),
    EKS_ANYWHERE("eks-anywhere", "eks-anywhere", "eks-anywhere"),
    /** A Rancher-managed RKE2 cluster on bare metal: the cloud is unknown, Rancher's agent is not. */
    RANCHER("rancher", "generic", "rancher-rke2"),
    KUBEADM("kubeadm", "generic", "kubeadm"),
    K3S("k3s", "generic", "k3s"),
    KIND("kind", "generic", "kind"),
    MINIKUBE("minikube", "generic", "minikube");

    private final String cliName;
    private final String cloudType;
    private final String platform;

    Provider(String cliName, String cloudType, String platform) {
        this.cliName = cliName;
        this.cloudType = cloudType;
        this.platform = platform;
    }

    /** The name used on the command line ({@code --provider eks}). */
    public String cliName() {
        return cliName;
    }

    /** The registry cloudType a correct detection reports. */
    public String cloudType() {
        return cloudType;
    }

    /** The platform a correct detection reports. */
    public String platform() {
        return platform;
    }

    /** Accepts the command-line name or the enum name, in any case. */
    public static Provider fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.cliName.equals(wanted) || p.name().toLowerCase(Locale.ROOT).equals(wanted.replace('-', '_')))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown provider '" + name + "', expected one of "
                        + Arrays.stream(values()).map(Provider::cliName).collect(Collectors.joining(", "))));
    }
}
