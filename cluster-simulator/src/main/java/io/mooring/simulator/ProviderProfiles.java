package io.mooring.simulator;

import io.mooring.simulator.ProviderProfile.ApiGroup;
import io.mooring.simulator.ProviderProfile.ApiResourceSpec;
import io.mooring.simulator.ProviderProfile.CustomObject;
import io.mooring.simulator.ProviderProfile.NodeIdentity;
import io.mooring.simulator.ProviderProfile.NodeOs;
import io.mooring.simulator.ProviderProfile.NodePool;
import io.mooring.simulator.ProviderProfile.NodeSlot;
import io.mooring.simulator.ProviderProfile.Placement;
import io.mooring.simulator.ProviderProfile.StorageClassSpec;
import io.mooring.simulator.ProviderProfile.SystemWorkload;
import io.mooring.simulator.ProviderProfile.WorkloadKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * The fixtures: what each provider really shows on its API server (versions, labels, providerIDs, instance types,
 * system workloads, API groups, storage), as seen on live clusters of that kind.
 */
final class ProviderProfiles {

    private static final IntUnaryOperator HIDDEN = n -> 0;
    private static final IntUnaryOperator ONE_OR_THREE = n -> n >= 6 ? 3 : 1;
    private static final IntUnaryOperator ONE = n -> 1;

    private ProviderProfiles() {
    }

    static ProviderProfile of(Provider provider) {
        switch (provider) {
            case AWS_EC2:
                return awsEc2();
            case EKS:
                return eks();
            case AZURE_VM:
                return azureVm();
            case AKS:
                return aks();
            case GCP_VM:
                return gcpVm();
            case GKE:
                return gke();
            case VSPHERE:
                return vsphere();
            case OPENSHIFT:
                return openshift();
            case EKS_ANYWHERE:
                return eksAnywhere();
            case RANCHER:
                return rancher();
            case KUBEADM:
                return kubeadm();
            case K3S:
                return k3s();
            case KIND:
                return kind();
            case MINIKUBE:
                return minikube();
            default:
                throw new IllegalArgumentException("no profile for " + provider);
        }
    }

    // ---------------------------------------------------------------- AWS

    private static ProviderProfile awsEc2() {
        String region = "us-east-1";
        List<String> zones = List.of("us-east-1a", "us-east-1b", "us-east-1c");
        List<String> zoneIds = List.of("use1-az1", "use1-az2", "use1-az4");
        List<SystemWorkload> system = new ArrayList<>(kubeadmControlPlane("v1.30.5", "3.5.15-0"));
        system.add(daemonSetOn(Placement.CONTROL_PLANE, "kube-system", "aws-cloud-controller-manager",
                "registry.k8s.io/provider-aws/cloud-controller-manager:v1.30.3", 200, 128));
        system.add(deploy("kube-system", "coredns", 2, "registry.k8s.io/coredns/coredns:v1.11.3", 100, 70));
        system.add(daemonSet("kube-system", "kube-proxy", "registry.k8s.io/kube-proxy:v1.30.5", 0, 0));
        system.add(deploy("kube-system", "ebs-csi-controller", 2, "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.35.0", 60, 240));
        system.add(daemonSet("kube-system", "ebs-csi-node", "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.35.0", 30, 120));
        system.addAll(calico());
        return new ProviderProfile(Provider.AWS_EC2, "acme-ec2-prod", "v1.30.5",
                new NodeOs("v1.30.5", "Ubuntu 22.04.4 LTS", "6.5.0-1024-aws", "containerd://1.7.12"),
                region, zones, ONE_OR_THREE, true,
                pool("control-plane", "m5.large", "amd64", 2, 8, 110, 50, 1, Map.of()),
                List.of(pool("general", "m5.2xlarge", "amd64", 8, 32, 110, 100, 0.7, Map.of()),
                        pool("compute", "c5.2xlarge", "amd64", 8, 16, 110, 100, 0.3, Map.of())),
                slot -> ec2Identity(slot, region, "ec2.internal", labels("topology.k8s.aws/zone-id", zoneIds.get(slot.zoneIndex()))),
                system,
                List.of(calicoGroup(), tigeraGroup(), snapshotGroup()),
                List.of(),
                List.of(new StorageClassSpec("gp3", "ebs.csi.aws.com", Map.of("type", "gp3", "fsType", "ext4"), true,
                        "WaitForFirstConsumer", true, "vol-0{hex17}")),
                "123456789012.dkr.ecr.us-east-1.amazonaws.com",
                false);
    }

    private static ProviderProfile eks() {
        String region = "eu-west-1";
        List<String> zones = List.of("eu-west-1a", "eu-west-1b", "eu-west-1c");
        List<String> zoneIds = List.of("euw1-az1", "euw1-az2", "euw1-az3");
        List<SystemWorkload> system = new ArrayList<>();
        system.add(daemonSet("kube-system", "aws-node", "602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon-k8s-cni:v1.18.3-eksbuild.3", 25, 0));
        system.add(daemonSet("kube-system", "kube-proxy", "602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/kube-proxy:v1.30.3-minimal-eksbuild.9", 100, 0));
        system.add(daemonSet("kube-system", "eks-pod-identity-agent", "602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/eks-pod-identity-agent:0.1.10", 25, 0));
        system.add(daemonSet("kube-system", "ebs-csi-node", "602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/aws-ebs-csi-driver:v1.35.0", 30, 120));
        system.add(deploy("kube-system", "coredns", 2, "602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/coredns:v1.11.3-eksbuild.1", 100, 70));
        system.add(deploy("kube-system", "ebs-csi-controller", 2, "602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/aws-ebs-csi-driver:v1.35.0", 60, 240));
        system.add(deploy("kube-system", "metrics-server", 2, "602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/metrics-server:v0.7.2-eksbuild.1", 100, 200));
        system.add(deploy("amazon-cloudwatch", "amazon-cloudwatch-observability-controller-manager", 1,
                "602401143452.dkr.ecr.eu-west-1.amazonaws.com/cloudwatch-agent-operator:2.2.0", 100, 64));
        system.add(daemonSet("amazon-cloudwatch", "cloudwatch-agent", "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300047.0b872", 250, 128));
        system.add(daemonSet("amazon-cloudwatch", "fluent-bit", "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2.20240516", 50, 25));
        return new ProviderProfile(Provider.EKS, "acme-prod-eu", "v1.30.5-eks-ce1d5eb",
                new NodeOs("v1.30.4-eks-a737599", "Amazon Linux 2023.5.20240916", "6.1.109-118.189.amzn2023.x86_64", "containerd://1.7.22"),
                region, zones, HIDDEN, false, null,
                List.of(pool("general", "m6i.xlarge", "amd64", 4, 16, 58, 80, 0.6, eksNodegroup("general", "ON_DEMAND")),
                        pool("compute", "c6i.2xlarge", "amd64", 8, 16, 58, 80, 0.2, eksNodegroup("compute", "ON_DEMAND")),
                        pool("graviton", "m7g.xlarge", "arm64", 4, 16, 58, 80, 0.2, eksNodegroup("graviton-spot", "SPOT"))),
                slot -> ec2Identity(slot, region, region + ".compute.internal", labels(
                        "topology.k8s.aws/zone-id", zoneIds.get(slot.zoneIndex()),
                        "k8s.io/cloud-provider-aws", "a3c8e5a9f0b1d2e3f4a5b6c7d8e9f0a1")),
                system,
                List.of(group("crd.k8s.amazonaws.com", "v1alpha1", "!eniconfigs:ENIConfig"),
                        group("vpcresources.k8s.aws", "v1beta1", "securitygrouppolicies:SecurityGroupPolicy"),
                        group("vpcresources.k8s.aws", "v1alpha1", "!cninodes:CNINode"),
                        group("networking.k8s.aws", "v1alpha1", "policyendpoints:PolicyEndpoint"),
                        group("cloudwatch.aws.amazon.com", "v1alpha1", "amazoncloudwatchagents:AmazonCloudWatchAgent")),
                List.of(),
                List.of(new StorageClassSpec("gp3", "ebs.csi.aws.com", Map.of("type", "gp3", "fsType", "ext4", "encrypted", "true"), true,
                                "WaitForFirstConsumer", true, "vol-0{hex17}"),
                        new StorageClassSpec("gp2", "kubernetes.io/aws-ebs", Map.of("type", "gp2", "fsType", "ext4"), false,
                                "WaitForFirstConsumer", true, "vol-0{hex17}")),
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                true);
    }

    private static Map<String, String> eksNodegroup(String nodegroup, String capacityType) {
        return labels(
                "eks.amazonaws.com/nodegroup", nodegroup + "-20240911083012345600000001",
                "eks.amazonaws.com/nodegroup-image", "ami-0a3c4e8f2b1d6e9a7",
                "eks.amazonaws.com/capacityType", capacityType,
                "eks.amazonaws.com/sourceLaunchTemplateId", "lt-0d2f6a8c4e1b3a5c7",
                "eks.amazonaws.com/sourceLaunchTemplateVersion", "1");
    }

    /** EC2 machines: named after their private DNS name, identified by aws:///zone/instance-id. */
    private static NodeIdentity ec2Identity(NodeSlot slot, String region, String dnsSuffix, Map<String, String> extra) {
        String ip = internalIp(slot);
        String name = "ip-" + ip.replace('.', '-') + "." + dnsSuffix;
        Map<String, String> labels = labels("topology.ebs.csi.aws.com/zone", slot.zone());
        labels.putAll(extra);
        return new NodeIdentity(name, "aws:///" + slot.zone() + "/i-0" + hex(slot.random(), 16), ip, null, labels);
    }

    // ---------------------------------------------------------------- Azure

    private static ProviderProfile azureVm() {
        String subscription = "3f2a9c1e-7b4d-4e8a-9c6f-1d2e3f4a5b6c";
        String resourceGroup = "rg-acme-k8s-selfmanaged";
        List<SystemWorkload> system = new ArrayList<>(kubeadmControlPlane("v1.29.9", "3.5.15-0"));
        system.add(deployOn(Placement.CONTROL_PLANE, "kube-system", "cloud-controller-manager", 1,
                "mcr.microsoft.com/oss/kubernetes/azure-cloud-controller-manager:v1.29.11", 100, 128));
        system.add(daemonSet("kube-system", "cloud-node-manager", "mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager:v1.29.11", 50, 50));
        system.add(deploy("kube-system", "coredns", 2, "registry.k8s.io/coredns/coredns:v1.11.1", 100, 70));
        system.add(daemonSet("kube-system", "kube-proxy", "registry.k8s.io/kube-proxy:v1.29.9", 0, 0));
        system.add(deploy("kube-system", "csi-azuredisk-controller", 2, "mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi:v1.30.4", 10, 20));
        system.add(daemonSet("kube-system", "csi-azuredisk-node", "mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi:v1.30.4", 10, 20));
        system.addAll(calico());
        return new ProviderProfile(Provider.AZURE_VM, "acme-azure-k8s", "v1.29.9",
                new NodeOs("v1.29.9", "Ubuntu 22.04.4 LTS", "6.5.0-1025-azure", "containerd://1.7.13"),
                "northeurope", List.of("northeurope-1", "northeurope-2", "northeurope-3"), ONE_OR_THREE, true,
                pool("control-plane", "Standard_D2s_v5", "amd64", 2, 8, 110, 64, 1, Map.of()),
                List.of(pool("general", "Standard_D4s_v5", "amd64", 4, 16, 110, 128, 0.7, Map.of()),
                        pool("memory", "Standard_E4s_v5", "amd64", 4, 32, 110, 128, 0.3, Map.of())),
                slot -> {
                    String name = slot.controlPlane()
                            ? "acme-k8s-cp-" + slot.indexInPool()
                            : "acme-k8s-" + slot.pool().name() + "-" + slot.indexInPool();
                    return new NodeIdentity(name, "azure:///subscriptions/" + subscription + "/resourceGroups/" + resourceGroup
                            + "/providers/Microsoft.Compute/virtualMachines/" + name, internalIp(slot), null,
                            labels("topology.disk.csi.azure.com/zone", slot.zone()));
                },
                system,
                List.of(calicoGroup(), tigeraGroup()),
                List.of(),
                List.of(new StorageClassSpec("managed-csi", "disk.csi.azure.com", Map.of("skuname", "StandardSSD_LRS"), true,
                        "WaitForFirstConsumer", true,
                        "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/providers/Microsoft.Compute/disks/pvc-{uuid}")),
                "acme.azurecr.io",
                false);
    }

    private static ProviderProfile aks() {
        String subscription = "8c4d2e1f-9a3b-4c5d-8e7f-0a1b2c3d4e5f";
        String nodeResourceGroup = "MC_rg-prod_aks-prod-weu_westeurope";
        List<SystemWorkload> system = new ArrayList<>();
        system.add(daemonSet("kube-system", "azure-cns", "mcr.microsoft.com/containernetworking/azure-cns:v1.6.13", 40, 250));
        system.add(daemonSet("kube-system", "azure-ip-masq-agent", "mcr.microsoft.com/aks/ip-masq-agent-v2:v0.1.13", 100, 50));
        system.add(daemonSet("kube-system", "cloud-node-manager", "mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager:v1.30.5", 50, 50));
        system.add(daemonSet("kube-system", "csi-azuredisk-node", "mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi:v1.30.4", 30, 60));
        system.add(daemonSet("kube-system", "csi-azurefile-node", "mcr.microsoft.com/oss/kubernetes-csi/azurefile-csi:v1.30.5", 30, 60));
        system.add(daemonSet("kube-system", "kube-proxy", "mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.30.4", 100, 0));
        system.add(deploy("kube-system", "coredns", 2, "mcr.microsoft.com/oss/kubernetes/coredns:v1.9.4-hotfix.20240704", 100, 70));
        system.add(deploy("kube-system", "coredns-autoscaler", 1, "mcr.microsoft.com/oss/kubernetes/autoscaler/cluster-proportional-autoscaler:v1.8.11", 20, 10));
        system.add(deploy("kube-system", "konnectivity-agent", 2, "mcr.microsoft.com/oss/kubernetes/apiserver-network-proxy/agent:v0.30.3-hotfix.20240819", 20, 20));
        system.add(deploy("kube-system", "metrics-server", 2, "mcr.microsoft.com/oss/kubernetes/metrics-server:v0.6.3", 150, 100));
        return new ProviderProfile(Provider.AKS, "aks-prod-weu", "v1.30.4",
                new NodeOs("v1.30.4", "Ubuntu 22.04.5 LTS", "5.15.0-1073-azure", "containerd://1.7.20-1"),
                "westeurope", List.of("westeurope-1", "westeurope-2", "westeurope-3"), HIDDEN, false, null,
                List.of(pool("system", "Standard_D4ds_v5", "amd64", 4, 16, 110, 150, 0.2, aksPool("system", "system", nodeResourceGroup)),
                        pool("user", "Standard_D8ds_v5", "amd64", 8, 32, 110, 300, 0.8, aksPool("user", "user", nodeResourceGroup))),
                slot -> {
                    String scaleSet = "aks-" + slot.pool().name() + "-" + (slot.pool().name().equals("system") ? "31465213" : "27093445") + "-vmss";
                    String name = scaleSet + base36(slot.indexInPool(), 6);
                    return new NodeIdentity(name, "azure:///subscriptions/" + subscription + "/resourceGroups/" + nodeResourceGroup.toLowerCase()
                            + "/providers/Microsoft.Compute/virtualMachineScaleSets/" + scaleSet + "/virtualMachines/" + slot.indexInPool(),
                            "10.224." + (slot.index() / 250) + "." + (4 + slot.index() % 250), null,
                            labels("topology.disk.csi.azure.com/zone", slot.zone()));
                },
                system,
                List.of(snapshotGroup()),
                List.of(),
                List.of(new StorageClassSpec("default", "disk.csi.azure.com", Map.of("skuname", "StandardSSD_LRS"), true,
                                "WaitForFirstConsumer", true,
                                "/subscriptions/" + subscription + "/resourceGroups/" + nodeResourceGroup.toLowerCase()
                                        + "/providers/Microsoft.Compute/disks/pvc-{uuid}"),
                        new StorageClassSpec("managed-csi-premium", "disk.csi.azure.com", Map.of("skuname", "Premium_LRS"), false,
                                "WaitForFirstConsumer", true,
                                "/subscriptions/" + subscription + "/resourceGroups/" + nodeResourceGroup.toLowerCase()
                                        + "/providers/Microsoft.Compute/disks/pvc-{uuid}"),
                        new StorageClassSpec("azurefile-csi", "file.csi.azure.com", Map.of("skuName", "Standard_LRS"), false,
                                "Immediate", true, "mc_rg-prod#f2a3b4c5d6e7#pvc-{uuid}###default")),
                "acmeprod.azurecr.io",
                true);
    }

    private static Map<String, String> aksPool(String pool, String mode, String nodeResourceGroup) {
        return labels(
                "agentpool", pool,
                "kubernetes.azure.com/agentpool", pool,
                "kubernetes.azure.com/cluster", nodeResourceGroup,
                "kubernetes.azure.com/mode", mode,
                "kubernetes.azure.com/role", "agent",
                "kubernetes.azure.com/node-image-version", "AKSUbuntu-2204gen2containerd-202410.15.0",
                "kubernetes.azure.com/os-sku", "Ubuntu",
                "kubernetes.azure.com/nodepool-type", "VirtualMachineScaleSets",
                "kubernetes.azure.com/storageprofile", "managed",
                "kubernetes.azure.com/storagetier", "Premium_LRS",
                "kubernetes.io/role", "agent",
                "node-role.kubernetes.io/agent", "",
                "storageprofile", "managed",
                "storagetier", "Premium_LRS");
    }

    // ---------------------------------------------------------------- Google

    private static ProviderProfile gcpVm() {
        String project = "acme-k8s-lab";
        List<SystemWorkload> system = new ArrayList<>(kubeadmControlPlane("v1.30.5", "3.5.15-0"));
        system.add(daemonSetOn(Placement.CONTROL_PLANE, "kube-system", "cloud-controller-manager",
                "registry.k8s.io/cloud-provider-gcp/cloud-controller-manager:v30.1.2", 200, 128));
        system.add(deploy("kube-system", "coredns", 2, "registry.k8s.io/coredns/coredns:v1.11.3", 100, 70));
        system.add(daemonSet("kube-system", "kube-proxy", "registry.k8s.io/kube-proxy:v1.30.5", 0, 0));
        system.add(deploy("gce-pd-csi-driver", "csi-gce-pd-controller", 1, "registry.k8s.io/cloud-provider-gcp/gcp-compute-persistent-disk-csi-driver:v1.14.2", 10, 50));
        system.add(daemonSet("gce-pd-csi-driver", "csi-gce-pd-node", "registry.k8s.io/cloud-provider-gcp/gcp-compute-persistent-disk-csi-driver:v1.14.2", 10, 20));
        system.addAll(calico());
        return new ProviderProfile(Provider.GCP_VM, "acme-gcp-lab", "v1.30.5",
                new NodeOs("v1.30.5", "Ubuntu 22.04.4 LTS", "6.5.0-1025-gcp", "containerd://1.7.12"),
                "us-central1", List.of("us-central1-a", "us-central1-b", "us-central1-c"), ONE_OR_THREE, true,
                pool("control-plane", "n2-standard-2", "amd64", 2, 8, 110, 50, 1, Map.of()),
                List.of(pool("standard", "n2-standard-4", "amd64", 4, 16, 110, 100, 0.7, Map.of()),
                        pool("highmem", "n2-highmem-4", "amd64", 4, 32, 110, 100, 0.3, Map.of())),
                slot -> {
                    String name = slot.controlPlane() ? "k8s-cp-" + (slot.indexInPool() + 1) : "k8s-worker-" + slot.pool().name() + "-" + (slot.indexInPool() + 1);
                    // The PD CSI driver labels nodes with topology.gke.io/zone outside GKE too.
                    return new NodeIdentity(name, "gce://" + project + "/" + slot.zone() + "/" + name, internalIp(slot), null,
                            labels("topology.gke.io/zone", slot.zone()));
                },
                system,
                List.of(calicoGroup(), tigeraGroup(), snapshotGroup()),
                List.of(),
                List.of(new StorageClassSpec("csi-gce-pd", "pd.csi.storage.gke.io", Map.of("type", "pd-balanced"), true,
                        "WaitForFirstConsumer", true, "projects/" + project + "/zones/{zone}/disks/pvc-{uuid}")),
                "us-central1-docker.pkg.dev/acme-k8s-lab/apps",
                false);
    }

    private static ProviderProfile gke() {
        String project = "acme-prod-341210";
        List<SystemWorkload> system = new ArrayList<>();
        system.add(staticPod(Placement.ALL_NODES, "kube-system", "kube-proxy", "gke.gcr.io/kube-proxy-amd64:v1.30.5-gke.1014001", 100, 0));
        system.add(daemonSet("kube-system", "fluentbit-gke", "gke.gcr.io/fluent-bit:v1.8.12-gke.34", 100, 200));
        system.add(daemonSet("kube-system", "gke-metrics-agent", "gke.gcr.io/gke-metrics-agent:1.12.3-gke.0", 8, 60));
        system.add(daemonSet("kube-system", "pdcsi-node", "gke.gcr.io/gcp-compute-persistent-disk-csi-driver:v1.13.3-gke.1", 10, 20));
        system.add(daemonSet("kube-system", "netd", "gke.gcr.io/netd:v0.7.6-gke.4", 4, 30));
        system.add(deploy("kube-system", "kube-dns", 2, "gke.gcr.io/k8s-dns-kube-dns:1.23.0-gke.9", 260, 110));
        system.add(deploy("kube-system", "kube-dns-autoscaler", 1, "gke.gcr.io/cluster-proportional-autoscaler:v1.8.11-gke.7", 20, 10));
        system.add(deploy("kube-system", "konnectivity-agent", 3, "gke.gcr.io/proxy-agent:v0.30.3-gke.0", 10, 30));
        system.add(deploy("kube-system", "konnectivity-agent-autoscaler", 1, "gke.gcr.io/cluster-proportional-autoscaler:v1.8.11-gke.7", 10, 10));
        system.add(deploy("kube-system", "metrics-server-v1.30.3", 1, "gke.gcr.io/metrics-server:v0.7.1-gke.23", 48, 105));
        system.add(deploy("kube-system", "event-exporter-gke", 1, "gke.gcr.io/event-exporter:v0.4.0-gke.16", 10, 15));
        system.add(deploy("kube-system", "l7-default-backend", 1, "gke.gcr.io/ingress-gce-404-server-with-metrics:v1.23.2", 10, 20));
        system.add(deploy("gmp-system", "gmp-operator", 1, "gke.gcr.io/prometheus-engine/operator:v0.13.1-gke.0", 1, 16));
        system.add(daemonSet("gmp-system", "collector", "gke.gcr.io/prometheus-engine/prometheus:v2.45.3-gmp.7-gke.0", 5, 36));
        return new ProviderProfile(Provider.GKE, "prod-gke-euw1", "v1.30.5-gke.1014001",
                new NodeOs("v1.30.5-gke.1014001", "Container-Optimized OS from Google", "6.1.100+", "containerd://1.7.22"),
                "europe-west1", List.of("europe-west1-b", "europe-west1-c", "europe-west1-d"), HIDDEN, false, null,
                List.of(pool("default-pool", "e2-standard-4", "amd64", 4, 16, 110, 100, 0.5, gkePool("default-pool", "e2", false)),
                        pool("highmem-pool", "n2-highmem-8", "amd64", 8, 64, 110, 200, 0.3, gkePool("highmem-pool", "n2", false)),
                        pool("spot-pool", "e2-standard-8", "amd64", 8, 32, 110, 100, 0.2, gkePool("spot-pool", "e2", true))),
                slot -> {
                    String group = Integer.toHexString(0x1a2b3c4d + slot.zoneIndex() * 0x111 + slot.pool().name().length());
                    String name = "gke-prod-gke-euw1-" + slot.pool().name() + "-" + group + "-" + alnum(slot.random(), 4);
                    return new NodeIdentity(name, "gce://" + project + "/" + slot.zone() + "/" + name,
                            "10.132." + (slot.index() / 250) + "." + (2 + slot.index() % 250), null,
                            labels("topology.gke.io/zone", slot.zone()));
                },
                system,
                List.of(group("cloud.google.com", "v1", "backendconfigs:BackendConfig"),
                        group("networking.gke.io", "v1", "managedcertificates:ManagedCertificate", "serviceattachments:ServiceAttachment"),
                        group("networking.gke.io", "v1beta1", "frontendconfigs:FrontendConfig"),
                        group("nodemanagement.gke.io", "v1alpha1", "updateinfos:UpdateInfo"),
                        group("monitoring.googleapis.com", "v1", "podmonitorings:PodMonitoring", "!clusterpodmonitorings:ClusterPodMonitoring"),
                        snapshotGroup()),
                List.of(),
                List.of(new StorageClassSpec("standard-rwo", "pd.csi.storage.gke.io", Map.of("type", "pd-balanced"), true,
                                "WaitForFirstConsumer", true, "projects/" + project + "/zones/{zone}/disks/pvc-{uuid}"),
                        new StorageClassSpec("premium-rwo", "pd.csi.storage.gke.io", Map.of("type", "pd-ssd"), false,
                                "WaitForFirstConsumer", true, "projects/" + project + "/zones/{zone}/disks/pvc-{uuid}"),
                        new StorageClassSpec("standard", "kubernetes.io/gce-pd", Map.of("type", "pd-standard"), false,
                                "Immediate", true, "projects/" + project + "/zones/{zone}/disks/pvc-{uuid}")),
                "europe-west1-docker.pkg.dev/acme-prod-341210/apps",
                true);
    }

    private static Map<String, String> gkePool(String pool, String family, boolean spot) {
        Map<String, String> labels = labels(
                "cloud.google.com/gke-nodepool", pool,
                "cloud.google.com/gke-os-distribution", "cos",
                "cloud.google.com/gke-boot-disk", "pd-balanced",
                "cloud.google.com/gke-container-runtime", "containerd",
                "cloud.google.com/gke-cpu-scaling-level", "4",
                "cloud.google.com/gke-logging-variant", "DEFAULT",
                "cloud.google.com/gke-max-pods-per-node", "110",
                "cloud.google.com/gke-provisioning", spot ? "spot" : "standard",
                "cloud.google.com/gke-stack-type", "IPV4",
                "cloud.google.com/machine-family", family,
                "cloud.google.com/private-node", "false");
        if (spot) {
            labels.put("cloud.google.com/gke-spot", "true");
        }
        return labels;
    }

    // ---------------------------------------------------------------- VMware

    private static ProviderProfile vsphere() {
        List<SystemWorkload> system = new ArrayList<>(kubeadmControlPlane("v1.29.9", "3.5.15-0"));
        system.add(daemonSetOn(Placement.CONTROL_PLANE, "kube-system", "vsphere-cloud-controller-manager",
                "registry.k8s.io/cloud-pv-vsphere/cpi/release/manager:v1.29.0", 200, 128));
        system.add(deploy("kube-system", "coredns", 2, "registry.k8s.io/coredns/coredns:v1.11.1", 100, 70));
        system.add(daemonSet("kube-system", "kube-proxy", "registry.k8s.io/kube-proxy:v1.29.9", 0, 0));
        system.add(daemonSet("kube-system", "antrea-agent", "antrea/antrea-agent-ubuntu:v2.1.0", 200, 0));
        system.add(deploy("kube-system", "antrea-controller", 1, "antrea/antrea-controller-ubuntu:v2.1.0", 200, 0));
        system.add(deployOn(Placement.CONTROL_PLANE, "vmware-system-csi", "vsphere-csi-controller", 3,
                "registry.k8s.io/csi-vsphere/driver:v3.3.1", 50, 100));
        system.add(daemonSet("vmware-system-csi", "vsphere-csi-node", "registry.k8s.io/csi-vsphere/driver:v3.3.1", 20, 50));
        return new ProviderProfile(Provider.VSPHERE, "acme-dc1-k8s", "v1.29.9",
                new NodeOs("v1.29.9", "Ubuntu 22.04.4 LTS", "5.15.0-122-generic", "containerd://1.7.13"),
                "region-fra", List.of("zone-fra-a", "zone-fra-b"), ONE_OR_THREE, true,
                pool("control-plane", "vsphere-vm.cpu-4.mem-8gb.os-ubuntu", "amd64", 4, 8, 110, 60, 1, Map.of()),
                List.of(pool("workers", "vsphere-vm.cpu-8.mem-32gb.os-ubuntu", "amd64", 8, 32, 110, 120, 1, Map.of())),
                slot -> {
                    String name = slot.controlPlane() ? String.format("k8s-prod-cp-%02d", slot.indexInPool() + 1)
                            : String.format("k8s-prod-worker-%02d", slot.indexInPool() + 1);
                    return new NodeIdentity(name, "vsphere://" + vmUuid(slot.random()), "172.16." + (10 + slot.index() / 250) + "." + (10 + slot.index() % 240),
                            null, labels());
                },
                system,
                List.of(group("cns.vmware.com", "v1alpha1", "cnsvolumeoperationrequests:CnsVolumeOperationRequest", "!csinodetopologies:CSINodeTopology"),
                        group("crd.antrea.io", "v1beta1", "!antreaagentinfos:AntreaAgentInfo", "!antreacontrollerinfos:AntreaControllerInfo"),
                        snapshotGroup()),
                List.of(),
                List.of(new StorageClassSpec("vsphere-csi", "csi.vsphere.vmware.com", Map.of("storagepolicyname", "vSAN Default Storage Policy"), true,
                        "Immediate", true, "{uuid}")),
                "harbor.acme.internal/apps",
                false);
    }

    // ---------------------------------------------------------------- OpenShift

    private static ProviderProfile openshift() {
        String region = "eu-central-1";
        List<SystemWorkload> system = new ArrayList<>();
        String ocp = "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:";
        system.add(staticPod(Placement.CONTROL_PLANE, "openshift-etcd", "etcd", ocp + "5d1ca3f5", 300, 600));
        system.add(staticPod(Placement.CONTROL_PLANE, "openshift-kube-apiserver", "kube-apiserver", ocp + "9a8f7e6d", 290, 1224));
        system.add(staticPod(Placement.CONTROL_PLANE, "openshift-kube-controller-manager", "kube-controller-manager", ocp + "2b3c4d5e", 80, 500));
        system.add(staticPod(Placement.CONTROL_PLANE, "openshift-kube-scheduler", "openshift-kube-scheduler", ocp + "6f7a8b9c", 25, 150));
        system.add(deployOn(Placement.CONTROL_PLANE, "openshift-apiserver", "apiserver", 3, ocp + "1e2f3a4b", 110, 250));
        system.add(deployOn(Placement.CONTROL_PLANE, "openshift-authentication", "oauth-openshift", 3, ocp + "4c5d6e7f", 10, 50));
        system.add(deployOn(Placement.CONTROL_PLANE, "openshift-cluster-version", "cluster-version-operator", 1, ocp + "8a9b0c1d", 20, 50));
        system.add(deployOn(Placement.CONTROL_PLANE, "openshift-machine-api", "machine-api-operator", 1, ocp + "2e3f4a5b", 10, 50));
        system.add(deployOn(Placement.CONTROL_PLANE, "openshift-ovn-kubernetes", "ovnkube-control-plane", 3, ocp + "6c7d8e9f", 20, 300));
        system.add(daemonSet("openshift-ovn-kubernetes", "ovnkube-node", ocp + "6c7d8e9f", 80, 600));
        system.add(daemonSet("openshift-multus", "multus", ocp + "0a1b2c3d", 10, 65));
        system.add(daemonSet("openshift-dns", "dns-default", ocp + "4e5f6a7b", 60, 110));
        system.add(daemonSet("openshift-dns", "node-resolver", ocp + "8c9d0e1f", 5, 21));
        system.add(deploy("openshift-ingress", "router-default", 2, ocp + "2a3b4c5d", 100, 256));
        system.add(deploy("openshift-console", "console", 2, ocp + "6e7f8a9b", 10, 100));
        system.add(deploy("openshift-console", "downloads", 2, ocp + "0c1d2e3f", 10, 50));
        system.add(deploy("openshift-image-registry", "image-registry", 2, ocp + "4a5b6c7d", 100, 256));
        system.add(daemonSet("openshift-image-registry", "node-ca", ocp + "8e9f0a1b", 10, 10));
        system.add(deploy("openshift-monitoring", "prometheus-operator", 1, ocp + "2c3d4e5f", 5, 150));
        system.add(statefulSet("openshift-monitoring", "prometheus-k8s", 2, ocp + "6a7b8c9d", 70, 1024));
        system.add(statefulSet("openshift-monitoring", "alertmanager-main", 2, ocp + "0e1f2a3b", 9, 120));
        system.add(deploy("openshift-monitoring", "thanos-querier", 2, ocp + "4c5d6e7f", 15, 72));
        system.add(daemonSet("openshift-monitoring", "node-exporter", ocp + "8a9b0c1d", 9, 47));
        system.add(deploy("openshift-operator-lifecycle-manager", "olm-operator", 1, ocp + "2e3f4a5b", 10, 160));
        system.add(deploy("openshift-operator-lifecycle-manager", "catalog-operator", 1, ocp + "6c7d8e9f", 10, 80));
        system.add(deploy("openshift-marketplace", "marketplace-operator", 1, ocp + "0a1b2c3d", 10, 50));
        system.add(deploy("openshift-cluster-csi-drivers", "aws-ebs-csi-driver-controller", 2, ocp + "4e5f6a7b", 30, 120));
        system.add(daemonSet("openshift-cluster-csi-drivers", "aws-ebs-csi-driver-node", ocp + "8c9d0e1f", 30, 150));
        system.add(namespaceOnly("openshift-config"));
        system.add(namespaceOnly("openshift-operators"));
        system.add(namespaceOnly("openshift"));
        return new ProviderProfile(Provider.OPENSHIFT, "ocp-prod", "v1.29.8+f10c92d",
                new NodeOs("v1.29.8+f10c92d", "Red Hat Enterprise Linux CoreOS 416.94.202409191851-0",
                        "5.14.0-427.37.1.el9_4.x86_64", "cri-o://1.29.8-5.rhaos4.16.git7032128.el9"),
                region, List.of("eu-central-1a", "eu-central-1b", "eu-central-1c"), n -> Math.min(3, n), true,
                pool("master", "m6i.xlarge", "amd64", 4, 16, 250, 120, 1, labels("node-role.kubernetes.io/master", "")),
                List.of(pool("worker", "m6i.2xlarge", "amd64", 8, 32, 250, 120, 1, labels("node-role.kubernetes.io/worker", ""))),
                slot -> ec2Identity(slot, region, region + ".compute.internal", labels("node.openshift.io/os_id", "rhcos")),
                system,
                List.of(group("config.openshift.io", "v1", "!clusterversions:ClusterVersion", "!infrastructures:Infrastructure",
                                "!clusteroperators:ClusterOperator", "!ingresses:Ingress", "!networks:Network"),
                        aggregated("route.openshift.io", "v1", "routes:Route"),
                        aggregated("apps.openshift.io", "v1", "deploymentconfigs:DeploymentConfig"),
                        aggregated("project.openshift.io", "v1", "!projects:Project"),
                        aggregated("image.openshift.io", "v1", "imagestreams:ImageStream"),
                        aggregated("user.openshift.io", "v1", "!users:User", "!groups:Group"),
                        aggregated("oauth.openshift.io", "v1", "!oauthclients:OAuthClient"),
                        aggregated("quota.openshift.io", "v1", "!clusterresourcequotas:ClusterResourceQuota"),
                        group("security.openshift.io", "v1", "!securitycontextconstraints:SecurityContextConstraints"),
                        group("operator.openshift.io", "v1", "!networks:Network", "ingresscontrollers:IngressController"),
                        group("machine.openshift.io", "v1beta1", "machines:Machine", "machinesets:MachineSet"),
                        group("monitoring.coreos.com", "v1", "prometheuses:Prometheus", "servicemonitors:ServiceMonitor"),
                        group("operators.coreos.com", "v1alpha1", "subscriptions:Subscription", "clusterserviceversions:ClusterServiceVersion"),
                        snapshotGroup()),
                List.of(new CustomObject("config.openshift.io/v1", "ClusterVersion", "clusterversions", null, "version",
                                Map.of("channel", "stable-4.16", "clusterID", "b8e0d0a5-7d1c-4c43-9d8f-2f1e3a4b5c6d"),
                                Map.of("desired", Map.of("version", "4.16.17"),
                                        "history", List.of(Map.of("state", "Completed", "version", "4.16.17")))),
                        new CustomObject("config.openshift.io/v1", "Infrastructure", "infrastructures", null, "cluster",
                                Map.of("platformSpec", Map.of("type", "AWS")),
                                Map.of("infrastructureName", "ocp-prod-x7k2q", "platform", "AWS",
                                        "platformStatus", Map.of("type", "AWS", "aws", Map.of("region", region)),
                                        "controlPlaneTopology", "HighlyAvailable"))),
                List.of(new StorageClassSpec("gp3-csi", "ebs.csi.aws.com", Map.of("type", "gp3", "encrypted", "true"), true,
                                "WaitForFirstConsumer", true, "vol-0{hex17}"),
                        new StorageClassSpec("gp2-csi", "ebs.csi.aws.com", Map.of("type", "gp2", "encrypted", "true"), false,
                                "WaitForFirstConsumer", true, "vol-0{hex17}")),
                "image-registry.openshift-image-registry.svc:5000",
                true);
    }

    // ---------------------------------------------------------------- EKS Anywhere

    private static ProviderProfile eksAnywhere() {
        String eksd = "public.ecr.aws/eks-distro/kubernetes/";
        List<SystemWorkload> system = new ArrayList<>();
        system.add(staticPod(Placement.CONTROL_PLANE, "kube-system", "etcd", "public.ecr.aws/eks-distro/etcd-io/etcd:v3.5.14-eks-1-29-22", 100, 100));
        system.add(staticPod(Placement.CONTROL_PLANE, "kube-system", "kube-apiserver", eksd + "kube-apiserver:v1.29.9-eks-1-29-22", 250, 0));
        system.add(staticPod(Placement.CONTROL_PLANE, "kube-system", "kube-controller-manager", eksd + "kube-controller-manager:v1.29.9-eks-1-29-22", 200, 0));
        system.add(staticPod(Placement.CONTROL_PLANE, "kube-system", "kube-scheduler", eksd + "kube-scheduler:v1.29.9-eks-1-29-22", 100, 0));
        system.add(staticPod(Placement.CONTROL_PLANE, "kube-system", "kube-vip", "public.ecr.aws/l0g8r8j6/kube-vip/kube-vip:v0.8.0-eks-a-v0.20.7-eks-a-73", 0, 0));
        system.add(daemonSet("kube-system", "cilium", "public.ecr.aws/isovalent/cilium:v1.14.12-eksa.1", 100, 100));
        system.add(deploy("kube-system", "cilium-operator", 2, "public.ecr.aws/isovalent/operator-generic:v1.14.12-eksa.1", 0, 0));
        system.add(deploy("kube-system", "coredns", 2, "public.ecr.aws/eks-distro/coredns/coredns:v1.11.1-eks-1-29-22", 100, 70));
        system.add(daemonSet("kube-system", "kube-proxy", eksd + "kube-proxy:v1.29.9-eks-1-29-22", 0, 0));
        system.add(daemonSetOn(Placement.CONTROL_PLANE, "kube-system", "vsphere-cloud-controller-manager",
                "public.ecr.aws/l0g8r8j6/kubernetes/cloud-provider-vsphere/cpi/manager:v1.29.1-eks-d-1-29-eks-a-73", 200, 0));
        system.add(deployOn(Placement.CONTROL_PLANE, "eksa-system", "eksa-controller-manager", 1, "public.ecr.aws/l0g8r8j6/eks-anywhere-cluster-controller:v0.20.7-eks-a-73", 100, 128));
        system.add(deploy("eksa-packages", "eks-anywhere-packages", 1, "public.ecr.aws/l0g8r8j6/eks-anywhere-packages:v0.4.3-eks-a-73", 100, 64));
        system.add(deploy("capi-system", "capi-controller-manager", 1, "public.ecr.aws/l0g8r8j6/kubernetes-sigs/cluster-api/cluster-api-controller:v1.7.2-eksa.1", 0, 0));
        system.add(deploy("capi-kubeadm-bootstrap-system", "capi-kubeadm-bootstrap-controller-manager", 1,
                "public.ecr.aws/l0g8r8j6/kubernetes-sigs/cluster-api/kubeadm-bootstrap-controller:v1.7.2-eksa.1", 0, 0));
        system.add(deploy("capi-kubeadm-control-plane-system", "capi-kubeadm-control-plane-controller-manager", 1,
                "public.ecr.aws/l0g8r8j6/kubernetes-sigs/cluster-api/kubeadm-control-plane-controller:v1.7.2-eksa.1", 0, 0));
        system.add(deploy("capv-system", "capv-controller-manager", 1, "public.ecr.aws/l0g8r8j6/kubernetes-sigs/cluster-api-provider-vsphere/release/manager:v1.10.0-eksa.1", 0, 0));
        system.add(deploy("etcdadm-bootstrap-provider-system", "etcdadm-bootstrap-provider-controller-manager", 1,
                "public.ecr.aws/l0g8r8j6/aws/etcdadm-bootstrap-provider:v1.0.13-eksa.1", 100, 30));
        system.add(deploy("etcdadm-controller-system", "etcdadm-controller-controller-manager", 1,
                "public.ecr.aws/l0g8r8j6/aws/etcdadm-controller:v1.0.22-eksa.1", 100, 30));
        system.add(deploy("cert-manager", "cert-manager", 1, "public.ecr.aws/l0g8r8j6/cert-manager/cert-manager-controller:v1.14.7-eks-a-73", 0, 0));
        system.add(deploy("cert-manager", "cert-manager-cainjector", 1, "public.ecr.aws/l0g8r8j6/cert-manager/cert-manager-cainjector:v1.14.7-eks-a-73", 0, 0));
        system.add(deploy("cert-manager", "cert-manager-webhook", 1, "public.ecr.aws/l0g8r8j6/cert-manager/cert-manager-webhook:v1.14.7-eks-a-73", 0, 0));
        system.add(deployOn(Placement.CONTROL_PLANE, "vmware-system-csi", "vsphere-csi-controller", 1, "public.ecr.aws/l0g8r8j6/kubernetes-sigs/vsphere-csi-driver/csi/driver:v3.1.2-eks-a-73", 50, 100));
        system.add(daemonSet("vmware-system-csi", "vsphere-csi-node", "public.ecr.aws/l0g8r8j6/kubernetes-sigs/vsphere-csi-driver/csi/driver:v3.1.2-eks-a-73", 20, 50));
        return new ProviderProfile(Provider.EKS_ANYWHERE, "eksa-prod", "v1.29.9-eks-1-29-22",
                new NodeOs("v1.29.9-eks-1-29-22", "Bottlerocket OS 1.20.5 (vmware-k8s-1.29)", "6.1.102", "containerd://1.6.34+bottlerocket"),
                null, List.of(), ONE_OR_THREE, true,
                pool("cp", "vsphere-vm.cpu-4.mem-8gb.os-other", "amd64", 4, 8, 110, 25, 1, Map.of()),
                List.of(pool("md-0", "vsphere-vm.cpu-8.mem-32gb.os-other", "amd64", 8, 32, 110, 50, 1, Map.of())),
                slot -> {
                    String name = slot.controlPlane() ? "eksa-prod-" + alnum(slot.random(), 5)
                            : "eksa-prod-md-0-7d9c8f5b6b-" + alnum(slot.random(), 5);
                    return new NodeIdentity(name, "vsphere://" + vmUuid(slot.random()), "10.10." + (20 + slot.index() / 250) + "." + (10 + slot.index() % 240),
                            null, labels());
                },
                system,
                List.of(group("anywhere.eks.amazonaws.com", "v1alpha1", "clusters:Cluster", "vspheredatacenterconfigs:VSphereDatacenterConfig",
                                "vspheremachineconfigs:VSphereMachineConfig", "bundles:Bundles", "!eksareleases:EKSARelease"),
                        group("cluster.x-k8s.io", "v1beta1", "clusters:Cluster", "machines:Machine", "machinedeployments:MachineDeployment", "machinesets:MachineSet"),
                        group("controlplane.cluster.x-k8s.io", "v1beta1", "kubeadmcontrolplanes:KubeadmControlPlane"),
                        group("bootstrap.cluster.x-k8s.io", "v1beta1", "kubeadmconfigs:KubeadmConfig"),
                        group("infrastructure.cluster.x-k8s.io", "v1beta1", "vsphereclusters:VSphereCluster", "vspheremachines:VSphereMachine"),
                        group("packages.eks.amazonaws.com", "v1alpha1", "packages:Package", "packagebundles:PackageBundle"),
                        group("distro.eks.amazonaws.com", "v1alpha1", "releases:Release"),
                        group("cert-manager.io", "v1", "certificates:Certificate", "issuers:Issuer", "!clusterissuers:ClusterIssuer"),
                        group("cilium.io", "v2", "ciliumnetworkpolicies:CiliumNetworkPolicy", "ciliumendpoints:CiliumEndpoint"),
                        group("cns.vmware.com", "v1alpha1", "cnsvolumeoperationrequests:CnsVolumeOperationRequest")),
                List.of(new CustomObject("anywhere.eks.amazonaws.com/v1alpha1", "Cluster", "clusters", "default", "eksa-prod",
                        Map.of("kubernetesVersion", "1.29",
                                "datacenterRef", Map.of("kind", "VSphereDatacenterConfig", "name", "eksa-prod"),
                                "controlPlaneConfiguration", Map.of("count", 3, "endpoint", Map.of("host", "10.10.20.5")),
                                "workerNodeGroupConfigurations", List.of(Map.of("name", "md-0", "count", 3))),
                        Map.of("eksdReleaseRef", Map.of("name", "kubernetes-1-29-eks-22"), "observedGeneration", 1))),
                List.of(new StorageClassSpec("standard", "csi.vsphere.vmware.com", Map.of(), true, "Immediate", true, "{uuid}")),
                "harbor.acme.internal/apps",
                false);
    }

    // ---------------------------------------------------------------- Rancher, k3s and friends

    private static ProviderProfile rancher() {
        String rke2 = "rancher/hardened-kubernetes:v1.30.5-rke2r1-build20240912";
        List<SystemWorkload> system = new ArrayList<>();
        system.add(staticPod(Placement.CONTROL_PLANE, "kube-system", "etcd", rke2, 200, 512));
        system.add(staticPod(Placement.CONTROL_PLANE, "kube-system", "kube-apiserver", rke2, 250, 1024));
        system.add(staticPod(Placement.CONTROL_PLANE, "kube-system", "kube-controller-manager", rke2, 200, 256));
        system.add(staticPod(Placement.CONTROL_PLANE, "kube-system", "kube-scheduler", rke2, 100, 128));
        system.add(staticPod(Placement.CONTROL_PLANE, "kube-system", "cloud-controller-manager", "rancher/rke2-cloud-provider:v1.30.4-0.20240910155301-rke2r1", 100, 128));
        system.add(staticPod(Placement.ALL_NODES, "kube-system", "kube-proxy", rke2, 250, 128));
        system.add(daemonSet("kube-system", "rke2-canal", "rancher/hardened-calico:v3.28.1-build20240806", 250, 0));
        system.add(daemonSet("kube-system", "rke2-ingress-nginx-controller", "rancher/nginx-ingress-controller:v1.10.4-hardened3", 100, 90));
        system.add(deploy("kube-system", "rke2-coredns-rke2-coredns", 2, "rancher/hardened-coredns:v1.11.1-build20240305", 100, 128));
        system.add(deploy("kube-system", "rke2-coredns-rke2-coredns-autoscaler", 1, "rancher/hardened-cluster-autoscaler:v1.8.11-build20240124", 25, 16));
        system.add(deploy("kube-system", "rke2-metrics-server", 1, "rancher/hardened-k8s-metrics-server:v0.7.1-build20240401", 100, 200));
        system.add(deploy("kube-system", "rke2-snapshot-controller", 1, "rancher/hardened-snapshot-controller:v6.2.1-build20240318", 0, 0));
        system.add(completedJob("kube-system", "helm-install-rke2-canal", "rancher/klipper-helm:v0.9.2-build20240828"));
        system.add(completedJob("kube-system", "helm-install-rke2-coredns", "rancher/klipper-helm:v0.9.2-build20240828"));
        system.add(completedJob("kube-system", "helm-install-rke2-ingress-nginx", "rancher/klipper-helm:v0.9.2-build20240828"));
        system.add(deploy("cattle-system", "cattle-cluster-agent", 2, "rancher/rancher-agent:v2.9.2", 0, 0));
        system.add(deploy("cattle-system", "rancher-webhook", 1, "rancher/rancher-webhook:v0.5.2", 0, 0));
        system.add(deploy("cattle-system", "system-upgrade-controller", 1, "rancher/system-upgrade-controller:v0.13.4", 0, 0));
        system.add(statefulSet("cattle-fleet-system", "fleet-agent", 1, "rancher/fleet-agent:v0.10.2", 0, 0));
        system.add(namespaceOnly("cattle-impersonation-system"));
        system.add(namespaceOnly("local"));
        system.add(daemonSet("longhorn-system", "longhorn-manager", "longhornio/longhorn-manager:v1.7.1", 0, 0));
        system.add(deploy("longhorn-system", "longhorn-ui", 2, "longhornio/longhorn-ui:v1.7.1", 0, 0));
        system.add(deploy("longhorn-system", "longhorn-driver-deployer", 1, "longhornio/longhorn-manager:v1.7.1", 0, 0));
        system.add(deploy("longhorn-system", "csi-provisioner", 3, "longhornio/csi-provisioner:v4.0.1", 0, 0));
        return new ProviderProfile(Provider.RANCHER, "rke2-prod", "v1.30.5+rke2r1",
                new NodeOs("v1.30.5+rke2r1", "SUSE Linux Enterprise Server 15 SP6", "6.4.0-150600.23.25-default", "containerd://1.7.21-k3s2"),
                null, List.of(), ONE_OR_THREE, true,
                pool("control-plane", "rke2", "amd64", 4, 16, 110, 200, 1, labels(
                        "node-role.kubernetes.io/control-plane", "true",
                        "node-role.kubernetes.io/etcd", "true",
                        "node-role.kubernetes.io/master", "true")),
                List.of(pool("worker", "rke2", "amd64", 16, 64, 110, 500, 1, labels("node-role.kubernetes.io/worker", "true"))),
                slot -> {
                    String name = slot.controlPlane() ? "rke2-prod-cp-" + (slot.indexInPool() + 1) : "rke2-prod-worker-" + (slot.indexInPool() + 1);
                    return new NodeIdentity(name, "rke2://" + name, "192.168." + (10 + slot.index() / 250) + "." + (10 + slot.index() % 240), null,
                            labels("cattle.io/os", "linux", "plan.upgrade.cattle.io/system-agent-upgrader", "f4b1a9e2c3d5"));
                },
                system,
                List.of(group("helm.cattle.io", "v1", "helmcharts:HelmChart", "helmchartconfigs:HelmChartConfig"),
                        group("k3s.cattle.io", "v1", "addons:Addon", "!etcdsnapshotfiles:ETCDSnapshotFile"),
                        group("management.cattle.io", "v3", "!apiservices:APIService", "!settings:Setting", "!preferences:Preference"),
                        group("fleet.cattle.io", "v1alpha1", "bundledeployments:BundleDeployment"),
                        group("catalog.cattle.io", "v1", "apps:App", "operations:Operation", "!clusterrepos:ClusterRepo"),
                        group("upgrade.cattle.io", "v1", "plans:Plan"),
                        group("crd.projectcalico.org", "v1", "!ippools:IPPool", "!felixconfigurations:FelixConfiguration", "networkpolicies:NetworkPolicy"),
                        group("longhorn.io", "v1beta2", "volumes:Volume", "engines:Engine", "replicas:Replica", "nodes:Node"),
                        snapshotGroup()),
                List.of(),
                List.of(new StorageClassSpec("longhorn", "driver.longhorn.io", Map.of("numberOfReplicas", "3", "staleReplicaTimeout", "30"), true,
                        "Immediate", true, "pvc-{uuid}")),
                "harbor.acme.internal/apps",
                true);
    }

    private static ProviderProfile kubeadm() {
        List<SystemWorkload> system = new ArrayList<>(kubeadmControlPlane("v1.30.5", "3.5.15-0"));
        system.add(deploy("kube-system", "coredns", 2, "registry.k8s.io/coredns/coredns:v1.11.3", 100, 70));
        system.add(daemonSet("kube-system", "kube-proxy", "registry.k8s.io/kube-proxy:v1.30.5", 0, 0));
        system.addAll(calico());
        system.add(deploy("metallb-system", "controller", 1, "quay.io/metallb/controller:v0.14.8", 0, 0));
        system.add(daemonSet("metallb-system", "speaker", "quay.io/metallb/speaker:v0.14.8", 0, 0));
        system.add(deploy("ingress-nginx", "ingress-nginx-controller", 2, "registry.k8s.io/ingress-nginx/controller:v1.11.2", 100, 90));
        system.add(deploy("openebs", "openebs-localpv-provisioner", 1, "openebs/provisioner-localpv:4.1.1", 0, 0));
        return new ProviderProfile(Provider.KUBEADM, "k8s-onprem", "v1.30.5",
                new NodeOs("v1.30.5", "Ubuntu 22.04.5 LTS", "5.15.0-124-generic", "containerd://1.7.22"),
                null, List.of(), ONE_OR_THREE, true,
                pool("control-plane", null, "amd64", 8, 32, 110, 240, 1, Map.of()),
                List.of(pool("worker", null, "amd64", 32, 128, 110, 960, 1, Map.of())),
                slot -> {
                    String name = slot.controlPlane() ? "k8s-cp-" + (slot.indexInPool() + 1) : String.format("k8s-worker-%02d", slot.indexInPool() + 1);
                    return new NodeIdentity(name, null, "192.168.50." + (10 + slot.index() % 240), null, labels());
                },
                system,
                List.of(calicoGroup(), tigeraGroup(),
                        group("metallb.io", "v1beta1", "ipaddresspools:IPAddressPool", "l2advertisements:L2Advertisement")),
                List.of(),
                List.of(new StorageClassSpec("openebs-hostpath", "openebs.io/local", Map.of(), true,
                        "WaitForFirstConsumer", false, "/var/openebs/local/pvc-{uuid}")),
                "registry.acme.internal/apps",
                false);
    }

    private static ProviderProfile k3s() {
        List<SystemWorkload> system = new ArrayList<>();
        system.add(deploy("kube-system", "coredns", 1, "rancher/mirrored-coredns-coredns:1.11.3", 100, 70));
        system.add(deploy("kube-system", "local-path-provisioner", 1, "rancher/local-path-provisioner:v0.0.28", 0, 0));
        system.add(deploy("kube-system", "metrics-server", 1, "rancher/mirrored-metrics-server:v0.7.2", 100, 70));
        system.add(deploy("kube-system", "traefik", 1, "rancher/mirrored-library-traefik:2.11.10", 0, 0));
        system.add(daemonSet("kube-system", "svclb-traefik-f3a41c6e", "rancher/klipper-lb:v0.4.9", 0, 0));
        system.add(completedJob("kube-system", "helm-install-traefik-crd", "rancher/klipper-helm:v0.9.2-build20240828"));
        system.add(completedJob("kube-system", "helm-install-traefik", "rancher/klipper-helm:v0.9.2-build20240828"));
        return new ProviderProfile(Provider.K3S, "k3s-edge", "v1.30.5+k3s1",
                new NodeOs("v1.30.5+k3s1", "Ubuntu 22.04.5 LTS", "5.15.0-1062-raspi", "containerd://1.7.21-k3s2"),
                null, List.of(), ONE_OR_THREE, false,
                pool("server", "k3s", "arm64", 4, 8, 110, 120, 1, labels(
                        "node-role.kubernetes.io/control-plane", "true",
                        "node-role.kubernetes.io/master", "true")),
                List.of(pool("agent", "k3s", "arm64", 4, 8, 110, 120, 1, Map.of())),
                slot -> {
                    String name = slot.controlPlane() ? "k3s-server-" + (slot.indexInPool() + 1) : "k3s-agent-" + (slot.indexInPool() + 1);
                    String ip = "192.168.1." + (20 + slot.index() % 230);
                    return new NodeIdentity(name, "k3s://" + name, ip, null, labels("k3s.io/hostname", name, "k3s.io/internal-ip", ip));
                },
                system,
                List.of(group("helm.cattle.io", "v1", "helmcharts:HelmChart", "helmchartconfigs:HelmChartConfig"),
                        group("k3s.cattle.io", "v1", "addons:Addon", "!etcdsnapshotfiles:ETCDSnapshotFile"),
                        group("traefik.io", "v1alpha1", "ingressroutes:IngressRoute", "middlewares:Middleware", "tlsoptions:TLSOption"),
                        group("traefik.containo.us", "v1alpha1", "ingressroutes:IngressRoute", "middlewares:Middleware")),
                List.of(),
                List.of(new StorageClassSpec("local-path", "rancher.io/local-path", Map.of(), true, "WaitForFirstConsumer", false,
                        "/var/lib/rancher/k3s/storage/pvc-{uuid}_{namespace}_{claim}")),
                "ghcr.io/acme",
                true);
    }

    private static ProviderProfile kind() {
        List<SystemWorkload> system = new ArrayList<>(kubeadmControlPlane("v1.31.0", "3.5.15-0"));
        system.add(deploy("kube-system", "coredns", 2, "registry.k8s.io/coredns/coredns:v1.11.1", 100, 70));
        system.add(daemonSet("kube-system", "kindnet", "docker.io/kindest/kindnetd:v20240813-c6f155d6", 100, 50));
        system.add(daemonSet("kube-system", "kube-proxy", "registry.k8s.io/kube-proxy:v1.31.0", 0, 0));
        system.add(deploy("local-path-storage", "local-path-provisioner", 1, "docker.io/kindest/local-path-provisioner:v20240813-c6f155d6", 0, 0));
        return new ProviderProfile(Provider.KIND, "kind", "v1.31.0",
                new NodeOs("v1.31.0", "Debian GNU/Linux 12 (bookworm)", "6.8.0-45-generic", "containerd://1.7.18"),
                null, List.of(), ONE, true,
                pool("control-plane", null, "amd64", 8, 31, 110, 470, 1, Map.of()),
                List.of(pool("worker", null, "amd64", 8, 31, 110, 470, 1, Map.of())),
                slot -> {
                    String name = slot.controlPlane() ? "kind-control-plane" : "kind-worker" + (slot.indexInPool() == 0 ? "" : String.valueOf(slot.indexInPool() + 1));
                    return new NodeIdentity(name, "kind://docker/kind/" + name, "172.18.0." + (2 + slot.index() % 250), null, labels());
                },
                system,
                List.of(),
                List.of(),
                List.of(new StorageClassSpec("standard", "rancher.io/local-path", Map.of(), true, "WaitForFirstConsumer", false,
                        "/var/local-path-provisioner/pvc-{uuid}_{namespace}_{claim}")),
                "localhost:5001",
                false);
    }

    private static ProviderProfile minikube() {
        List<SystemWorkload> system = new ArrayList<>(kubeadmControlPlane("v1.31.0", "3.5.15-0"));
        system.add(deploy("kube-system", "coredns", 1, "registry.k8s.io/coredns/coredns:v1.11.1", 100, 70));
        system.add(daemonSet("kube-system", "kube-proxy", "registry.k8s.io/kube-proxy:v1.31.0", 0, 0));
        system.add(barePod("kube-system", "storage-provisioner", "gcr.io/k8s-minikube/storage-provisioner:v5"));
        return new ProviderProfile(Provider.MINIKUBE, "minikube", "v1.31.0",
                new NodeOs("v1.31.0", "Ubuntu 22.04.4 LTS", "6.8.0-45-generic", "docker://27.2.0"),
                null, List.of(), ONE, false,
                pool("primary", null, "amd64", 8, 15, 110, 470, 1, labels(
                        "minikube.k8s.io/primary", "true")),
                List.of(pool("secondary", null, "amd64", 8, 15, 110, 470, 1, labels("minikube.k8s.io/primary", "false"))),
                slot -> {
                    String name = slot.controlPlane() ? "minikube" : String.format("minikube-m%02d", slot.indexInPool() + 2);
                    return new NodeIdentity(name, null, "192.168.49." + (2 + slot.index() % 250), null, labels(
                            "minikube.k8s.io/name", "minikube",
                            "minikube.k8s.io/version", "v1.34.0",
                            "minikube.k8s.io/commit", "210b148df93a80eb872ecbeb7e35281b3c582c61",
                            "minikube.k8s.io/updated_at", "2024_10_01T09_30_00_0700"));
                },
                system,
                List.of(),
                List.of(),
                List.of(new StorageClassSpec("standard", "k8s.io/minikube-hostpath", Map.of(), true, "Immediate", false,
                        "/tmp/hostpath-provisioner/{namespace}/{claim}")),
                "docker.io/acme",
                false);
    }

    // ---------------------------------------------------------------- shared pieces

    /** The static pods kubeadm runs on every control-plane node. */
    private static List<SystemWorkload> kubeadmControlPlane(String version, String etcdVersion) {
        return List.of(
                staticPod(Placement.CONTROL_PLANE, "kube-system", "etcd", "registry.k8s.io/etcd:" + etcdVersion, 100, 100),
                staticPod(Placement.CONTROL_PLANE, "kube-system", "kube-apiserver", "registry.k8s.io/kube-apiserver:" + version, 250, 0),
                staticPod(Placement.CONTROL_PLANE, "kube-system", "kube-controller-manager", "registry.k8s.io/kube-controller-manager:" + version, 200, 0),
                staticPod(Placement.CONTROL_PLANE, "kube-system", "kube-scheduler", "registry.k8s.io/kube-scheduler:" + version, 100, 0));
    }

    /** Calico installed by the Tigera operator, the usual CNI of self-built clusters. */
    private static List<SystemWorkload> calico() {
        return List.of(
                deploy("tigera-operator", "tigera-operator", 1, "quay.io/tigera/operator:v1.34.5", 0, 0),
                daemonSet("calico-system", "calico-node", "docker.io/calico/node:v3.28.2", 0, 0),
                deploy("calico-system", "calico-kube-controllers", 1, "docker.io/calico/kube-controllers:v3.28.2", 0, 0),
                deploy("calico-system", "calico-typha", 2, "docker.io/calico/typha:v3.28.2", 0, 0),
                daemonSet("calico-system", "csi-node-driver", "docker.io/calico/csi:v3.28.2", 0, 0));
    }

    private static ApiGroup calicoGroup() {
        return group("crd.projectcalico.org", "v1", "!ippools:IPPool", "!felixconfigurations:FelixConfiguration",
                "networkpolicies:NetworkPolicy", "!globalnetworkpolicies:GlobalNetworkPolicy");
    }

    private static ApiGroup tigeraGroup() {
        return group("operator.tigera.io", "v1", "!installations:Installation", "!tigerastatuses:TigeraStatus");
    }

    private static ApiGroup snapshotGroup() {
        return group("snapshot.storage.k8s.io", "v1", "volumesnapshots:VolumeSnapshot", "!volumesnapshotclasses:VolumeSnapshotClass",
                "!volumesnapshotcontents:VolumeSnapshotContent");
    }

    /** Resources as "plural:Kind", cluster-scoped ones prefixed with '!'. */
    private static ApiGroup group(String group, String version, String... resources) {
        return new ApiGroup(group, version, true, resources(resources));
    }

    private static ApiGroup aggregated(String group, String version, String... resources) {
        return new ApiGroup(group, version, false, resources(resources));
    }

    private static List<ApiResourceSpec> resources(String... resources) {
        return Arrays.stream(resources).map(r -> {
            boolean clusterScoped = r.startsWith("!");
            String[] parts = (clusterScoped ? r.substring(1) : r).split(":");
            return new ApiResourceSpec(parts[0], parts[1], !clusterScoped);
        }).toList();
    }

    private static NodePool pool(String name, String instanceType, String arch, int cpu, int memoryGib, int maxPods, int diskGib,
            double weight, Map<String, String> labels) {
        return new NodePool(name, instanceType, arch, cpu, memoryGib, maxPods, diskGib, weight, labels);
    }

    private static SystemWorkload deploy(String namespace, String name, int replicas, String image, int cpu, int memory) {
        return new SystemWorkload(namespace, WorkloadKind.DEPLOYMENT, name, replicas, image, cpu, memory, Placement.WORKERS);
    }

    private static SystemWorkload deployOn(Placement placement, String namespace, String name, int replicas, String image, int cpu, int memory) {
        return new SystemWorkload(namespace, WorkloadKind.DEPLOYMENT, name, replicas, image, cpu, memory, placement);
    }

    private static SystemWorkload statefulSet(String namespace, String name, int replicas, String image, int cpu, int memory) {
        return new SystemWorkload(namespace, WorkloadKind.STATEFULSET, name, replicas, image, cpu, memory, Placement.WORKERS);
    }

    private static SystemWorkload daemonSet(String namespace, String name, String image, int cpu, int memory) {
        return new SystemWorkload(namespace, WorkloadKind.DAEMONSET, name, 0, image, cpu, memory, Placement.ALL_NODES);
    }

    private static SystemWorkload daemonSetOn(Placement placement, String namespace, String name, String image, int cpu, int memory) {
        return new SystemWorkload(namespace, WorkloadKind.DAEMONSET, name, 0, image, cpu, memory, placement);
    }

    private static SystemWorkload staticPod(Placement placement, String namespace, String name, String image, int cpu, int memory) {
        return new SystemWorkload(namespace, WorkloadKind.STATIC_POD, name, 0, image, cpu, memory, placement);
    }

    private static SystemWorkload barePod(String namespace, String name, String image) {
        return new SystemWorkload(namespace, WorkloadKind.BARE_POD, name, 1, image, 0, 0, Placement.CONTROL_PLANE);
    }

    private static SystemWorkload completedJob(String namespace, String name, String image) {
        return new SystemWorkload(namespace, WorkloadKind.COMPLETED_JOB, name, 1, image, 0, 0, Placement.CONTROL_PLANE);
    }

    /** A namespace the platform creates without running anything in it. */
    private static SystemWorkload namespaceOnly(String namespace) {
        return new SystemWorkload(namespace, WorkloadKind.DEPLOYMENT, "", 0, "", 0, 0, Placement.WORKERS);
    }

    static Map<String, String> labels(String... keyValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            labels.put(keyValues[i], keyValues[i + 1]);
        }
        return labels;
    }

    /** Spreads nodes over subnets per zone so that every node has its own address. */
    private static String internalIp(NodeSlot slot) {
        return "10.0." + (slot.zoneIndex() * 64 + (slot.index() / 250) % 64) + "." + (4 + slot.index() % 250);
    }

    static String hex(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    /** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alike digits). */
    static String alnum(Random random, int length) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String base36(int value, int width) {
        String digits = Integer.toString(value, 36);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    /** vSphere BIOS UUIDs of VMs created by vCenter start with 42. */
    private static String vmUuid(Random random) {
        return "42" + hex(random, 6) + "-" + hex(random, 4) + "-" + hex(random, 4) + "-" + hex(random, 4) + "-" + hex(random, 12);
    }
}
