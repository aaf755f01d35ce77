package io.mooring.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.agent.domain.ClusterFacts.NodeFacts;
import io.mooring.agent.domain.ProviderDetector.Detection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProviderDetectorTest {

    private final ProviderDetector detector = new ProviderDetector();

    static Stream<Arguments> clusters() {
        return Stream.of(
                row("self-managed kubeadm on EC2 is aws/kubeadm", awsKubeadm(), "aws", "kubeadm"),
                row("EKS managed node group is eks/eks", eks(), "eks", "eks"),
                row("kubeadm on Azure VMs is azure/kubeadm", azureKubeadm(), "azure", "kubeadm"),
                row("AKS is aks/aks", aks(), "aks", "aks"),
                row("kubeadm on GCE VMs is gcp/kubeadm", gcpKubeadm(), "gcp", "kubeadm"),
                row("GKE is gke/gke", gke(), "gke", "gke"),
                row("kubeadm on vSphere is vsphere/kubeadm", vsphereKubeadm(), "vsphere", "kubeadm"),
                row("OpenShift on AWS is openshift/openshift", openshiftOnAws(), "openshift", "openshift"),
                row("EKS Anywhere on vSphere is eks-anywhere/eks-anywhere", eksAnywhere(), "eks-anywhere", "eks-anywhere"),
                row("Rancher-managed RKE2 is generic/rancher-rke2", rancherRke2(), "generic", "rancher-rke2"),
                row("Rancher-managed K3s is generic/rancher-k3s", rancherK3s(), "generic", "rancher-k3s"),
                row("kubeadm on bare metal is generic/kubeadm", bareMetalKubeadm(), "generic", "kubeadm"),
                row("k3s is generic/k3s", k3s(), "generic", "k3s"),
                row("RKE2 without Rancher is generic/rke2", rke2(), "generic", "rke2"),
                row("kind is generic/kind", kind(), "generic", "kind"),
                row("minikube is generic/minikube", minikube(), "generic", "minikube"),
                row("Rancher-managed RKE2 on EC2 keeps its cloud", cluster("v1.30.5+rke2r1").namespaces("cattle-system")
                        .node(node("ip-10-0-1-5.ec2.internal").providerId("aws:///us-east-1a/i-0a1b2c3d4e5f60718").kubelet("v1.30.5+rke2r1")
                                .label("node.kubernetes.io/instance-type", "m5.xlarge"))
                        .build(), "aws", "rancher-rke2"),
                row("EKS Fargate nodes are eks", cluster("v1.30.5-eks-ce1d5eb")
                        .node(node("fargate-ip-10-0-3-7.eu-west-1.compute.internal")
                                .providerId("aws:///eu-west-1b/5f2c9e8d7a/fargate-ip-10-0-3-7.eu-west-1.compute.internal")
                                .kubelet("v1.30.4-eks-a737599").label("eks.amazonaws.com/compute-type", "fargate"))
                        .build(), "eks", "eks"),
                row("EKS self-managed nodes without node group labels are eks", cluster("v1.29.8-eks-a737599")
                        .node(node("ip-10-0-1-5.eu-west-1.compute.internal").providerId("aws:///eu-west-1a/i-0a1b2c3d4e5f60718")
                                .kubelet("v1.29.7-eks-1552ad0").os("Bottlerocket OS 1.21.1 (aws-k8s-1.29)"))
                        .build(), "eks", "eks"),
                row("an EKS Anywhere workload cluster without the CRDs is known by its EKS Distro build", cluster("v1.28.13-eks-1-28-35")
                        .node(node("wl-1-md-0-7d9c8f5b6b-x2b4t").providerId("vsphere://4230a1b2-c3d4-e5f6-0718-293a4b5c6d7e")
                                .kubelet("v1.28.13-eks-1-28-35"))
                        .build(), "eks-anywhere", "eks-anywhere"),
                row("kind before v0.11 had no providerIDs", cluster("v1.20.2").namespaces("local-path-storage")
                        .node(node("kind-control-plane").controlPlane().kubelet("v1.20.2")).build(), "generic", "kind"),
                row("Tanzu (kubeadm with VMware builds) on vSphere is vsphere/kubeadm", cluster("v1.28.8+vmware.1")
                        .node(node("tkg-prod-control-plane-x2b4t").providerId("vsphere://4230a1b2-c3d4-e5f6-0718-293a4b5c6d7e")
                                .controlPlane().kubelet("v1.28.8+vmware.1"))
                        .build(), "vsphere", "kubeadm"),
                row("Talos is generic/unknown", cluster("v1.31.1")
                        .node(node("talos-cp-1").controlPlane().kubelet("v1.31.1").os("Talos (v1.8.0)")).build(), "generic", "unknown"),
                row("DigitalOcean Kubernetes is generic/unknown", cluster("v1.30.5")
                        .node(node("pool-8f2k1-x2b4t").providerId("digitalocean://429817263").kubelet("v1.30.5")
                                .label("doks.digitalocean.com/node-pool", "pool-8f2k1"))
                        .build(), "generic", "unknown"),
                row("a cluster that shows nothing is generic/unknown", cluster("").build(), "generic", "unknown"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void detectsProviderAndPlatform(String description, ClusterFacts facts, String provider, String platform) {
        assertThat(detector.detect(facts)).isEqualTo(new Detection(provider, platform));
    }

    @Test
    void eksAnywhereIsNotMistakenForEks() {
        assertThat(detector.detect(eksAnywhere()).provider()).isEqualTo("eks-anywhere");
    }

    @Test
    void eksIsNotMistakenForEksAnywhere() {
        // Both run Bottlerocket and report -eks- versions; only EKS Distro numbers its releases.
        ClusterFacts eksOnBottlerocket = cluster("v1.30.5-eks-ce1d5eb")
                .node(node("ip-10-0-1-5.eu-west-1.compute.internal").providerId("aws:///eu-west-1a/i-0a1b2c3d4e5f60718")
                        .kubelet("v1.30.4-eks-a737599").os("Bottlerocket OS 1.22.0 (aws-k8s-1.30)")
                        .label("eks.amazonaws.com/nodegroup", "bottlerocket"))
                .build();
        assertThat(detector.detect(eksOnBottlerocket).provider()).isEqualTo("eks");
    }

    @Test
    void aksIsNotMistakenForAzureVms() {
        assertThat(detector.detect(aks()).provider()).isEqualTo("aks");
    }

    @Test
    void azureVmsInAScaleSetAreNotMistakenForAks() {
        ClusterFacts capzScaleSet = cluster("v1.29.9")
                .node(node("capz-md-0-vmss000000").kubelet("v1.29.9").providerId(
                        "azure:///subscriptions/3f2a9c1e-7b4d-4e8a-9c6f-1d2e3f4a5b6c/resourceGroups/capz-rg/providers/Microsoft.Compute/"
                                + "virtualMachineScaleSets/capz-md-0/virtualMachines/0"))
                .node(node("capz-control-plane-x2b4t").controlPlane().kubelet("v1.29.9").providerId(
                        "azure:///subscriptions/3f2a9c1e-7b4d-4e8a-9c6f-1d2e3f4a5b6c/resourceGroups/capz-rg/providers/Microsoft.Compute/"
                                + "virtualMachines/capz-control-plane-x2b4t"))
                .build();
        assertThat(detector.detect(capzScaleSet)).isEqualTo(new Detection("azure", "kubeadm"));
        assertThat(detector.detect(azureKubeadm()).provider()).isEqualTo("azure");
    }

    @Test
    void gkeIsNotMistakenForGcpVms() {
        assertThat(detector.detect(gke()).provider()).isEqualTo("gke");
    }

    @Test
    void gcpVmsWithThePersistentDiskDriverAreNotMistakenForGke() {
        // The PD CSI driver labels nodes topology.gke.io/zone on any GCE cluster.
        assertThat(detector.detect(gcpKubeadm())).isEqualTo(new Detection("gcp", "kubeadm"));
    }

    @Test
    void k3sIsNotMistakenForRancherManagedK3s() {
        // k3s ships helm.cattle.io and k3s.cattle.io itself.
        assertThat(detector.detect(k3s()).platform()).isEqualTo("k3s");
    }

    @Test
    void rancherManagedK3sIsNotMistakenForPlainK3s() {
        assertThat(detector.detect(rancherK3s()).platform()).isEqualTo("rancher-k3s");
    }

    @Test
    void rke2AloneIsNotMistakenForRancherManagedRke2() {
        assertThat(detector.detect(rke2()).platform()).isEqualTo("rke2");
        assertThat(detector.detect(rancherRke2()).platform()).isEqualTo("rancher-rke2");
    }

    @Test
    void rke2IsNotMistakenForK3sDespiteItsK3sBuiltContainerd() {
        assertThat(detector.detect(rke2()).platform()).isEqualTo("rke2");
    }

    @Test
    void kindIsNotMistakenForKubeadm() {
        // kind installs with kubeadm: same labels, same upstream builds.
        assertThat(detector.detect(kind()).platform()).isEqualTo("kind");
        assertThat(detector.detect(bareMetalKubeadm()).platform()).isEqualTo("kubeadm");
    }

    @Test
    void openShiftOnAwsIsNotMistakenForAws() {
        assertThat(detector.detect(openshiftOnAws()).provider()).isEqualTo("openshift");
    }

    @Test
    void mixedProviderIdsFollowTheMajorityOfNodes() {
        ClusterFacts mostlyVsphere = cluster("v1.29.9")
                .node(node("cp-1").controlPlane().kubelet("v1.29.9").providerId("vsphere://4230a1b2-c3d4-e5f6-0718-293a4b5c6d7e"))
                .node(node("w-1").kubelet("v1.29.9").providerId("vsphere://4230a1b2-c3d4-e5f6-0718-293a4b5c6d7f"))
                .node(node("w-2").kubelet("v1.29.9").providerId("aws:///eu-west-1a/i-0a1b2c3d4e5f60718"))
                .build();
        assertThat(detector.detect(mostlyVsphere).provider()).isEqualTo("vsphere");
    }

    // ---------------------------------------------------------------- the clusters, as their API servers show them

    private static ClusterFacts awsKubeadm() {
        return cluster("v1.30.5").groups("crd.projectcalico.org", "operator.tigera.io").namespaces("calico-system", "tigera-operator")
                .node(node("ip-10-0-0-4.ec2.internal").providerId("aws:///us-east-1a/i-0a1b2c3d4e5f60718").controlPlane()
                        .kubelet("v1.30.5").label("node.kubernetes.io/instance-type", "m5.large")
                        .label("topology.kubernetes.io/zone", "us-east-1a").label("topology.k8s.aws/zone-id", "use1-az1"))
                .node(node("ip-10-0-64-5.ec2.internal").providerId("aws:///us-east-1b/i-0b2c3d4e5f6071829").kubelet("v1.30.5")
                        .label("node.kubernetes.io/instance-type", "m5.2xlarge"))
                .build();
    }

    private static ClusterFacts eks() {
        return cluster("v1.30.5-eks-ce1d5eb").groups("crd.k8s.amazonaws.com", "vpcresources.k8s.aws")
                .node(node("ip-10-0-1-23.eu-west-1.compute.internal").providerId("aws:///eu-west-1a/i-0123456789abcdef0")
                        .kubelet("v1.30.4-eks-a737599").os("Amazon Linux 2023.5.20240916")
                        .label("eks.amazonaws.com/nodegroup", "general-20240911083012345600000001")
                        .label("eks.amazonaws.com/capacityType", "ON_DEMAND")
                        .label("node.kubernetes.io/instance-type", "m6i.xlarge"))
                .build();
    }

    private static ClusterFacts azureKubeadm() {
        String vms = "azure:///subscriptions/3f2a9c1e-7b4d-4e8a-9c6f-1d2e3f4a5b6c/resourceGroups/rg-k8s/providers/Microsoft.Compute/virtualMachines/";
        return cluster("v1.29.9")
                .node(node("acme-k8s-cp-0").providerId(vms + "acme-k8s-cp-0").controlPlane().kubelet("v1.29.9")
                        .label("node.kubernetes.io/instance-type", "Standard_D2s_v5").label("topology.kubernetes.io/zone", "northeurope-1"))
                .node(node("acme-k8s-general-0").providerId(vms + "acme-k8s-general-0").kubelet("v1.29.9")
                        .label("node.kubernetes.io/instance-type", "Standard_D4s_v5"))
                .build();
    }

    private static ClusterFacts aks() {
        return cluster("v1.30.4")
                .node(node("aks-nodepool1-31465213-vmss000000").kubelet("v1.30.4").os("Ubuntu 22.04.5 LTS").runtime("containerd://1.7.20-1")
                        .providerId("azure:///subscriptions/8c4d2e1f-9a3b-4c5d-8e7f-0a1b2c3d4e5f/resourceGroups/mc_rg-prod_aks-prod_westeurope"
                                + "/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-31465213-vmss/virtualMachines/0")
                        .label("kubernetes.azure.com/cluster", "MC_rg-prod_aks-prod_westeurope")
                        .label("kubernetes.azure.com/agentpool", "nodepool1").label("agentpool", "nodepool1")
                        .label("node.kubernetes.io/instance-type", "Standard_D4ds_v5"))
                .build();
    }

    private static ClusterFacts gcpKubeadm() {
        return cluster("v1.30.5").groups("crd.projectcalico.org").namespaces("gce-pd-csi-driver")
                .node(node("k8s-cp-1").providerId("gce://acme-k8s-lab/us-central1-a/k8s-cp-1").controlPlane().kubelet("v1.30.5")
                        .label("topology.gke.io/zone", "us-central1-a").label("node.kubernetes.io/instance-type", "n2-standard-2"))
                .node(node("k8s-worker-standard-1").providerId("gce://acme-k8s-lab/us-central1-b/k8s-worker-standard-1").kubelet("v1.30.5")
                        .label("topology.gke.io/zone", "us-central1-b"))
                .build();
    }

    private static ClusterFacts gke() {
        return cluster("v1.30.5-gke.1014001").groups("cloud.google.com", "networking.gke.io", "nodemanagement.gke.io")
                .node(node("gke-prod-gke-euw1-default-pool-1a2b3c5a-x7k9")
                        .providerId("gce://acme-prod-341210/europe-west1-b/gke-prod-gke-euw1-default-pool-1a2b3c5a-x7k9")
                        .kubelet("v1.30.5-gke.1014001").os("Container-Optimized OS from Google")
                        .label("cloud.google.com/gke-nodepool", "default-pool").label("cloud.google.com/gke-os-distribution", "cos")
                        .label("topology.gke.io/zone", "europe-west1-b"))
                .build();
    }

    private static ClusterFacts vsphereKubeadm() {
        return cluster("v1.29.9").groups("cns.vmware.com").namespaces("vmware-system-csi")
                .node(node("k8s-prod-cp-01").providerId("vsphere://4230a1b2-c3d4-e5f6-0718-293a4b5c6d7e").controlPlane().kubelet("v1.29.9")
                        .label("node.kubernetes.io/instance-type", "vsphere-vm.cpu-4.mem-8gb.os-ubuntu"))
                .node(node("k8s-prod-worker-01").providerId("vsphere://4230b2c3-d4e5-f607-1829-3a4b5c6d7e8f").kubelet("v1.29.9"))
                .build();
    }

    private static ClusterFacts openshiftOnAws() {
        return cluster("v1.29.8+f10c92d").groups("config.openshift.io", "route.openshift.io", "security.openshift.io")
                .namespaces("openshift-kube-apiserver", "openshift-etcd", "openshift-ingress")
                .node(node("ip-10-0-0-4.eu-central-1.compute.internal").providerId("aws:///eu-central-1a/i-0a1b2c3d4e5f60718")
                        .controlPlane().kubelet("v1.29.8+f10c92d").os("Red Hat Enterprise Linux CoreOS 416.94.202409191851-0")
                        .runtime("cri-o://1.29.8-5.rhaos4.16.git7032128.el9")
                        .label("node-role.kubernetes.io/master", "").label("node.openshift.io/os_id", "rhcos"))
                .node(node("ip-10-0-64-9.eu-central-1.compute.internal").providerId("aws:///eu-central-1b/i-0b2c3d4e5f6071829")
                        .kubelet("v1.29.8+f10c92d").label("node-role.kubernetes.io/worker", "").label("node.openshift.io/os_id", "rhcos"))
                .build();
    }

    private static ClusterFacts eksAnywhere() {
        return cluster("v1.29.9-eks-1-29-22").groups("anywhere.eks.amazonaws.com", "cluster.x-k8s.io", "packages.eks.amazonaws.com")
                .namespaces("eksa-system", "eksa-packages", "capi-system", "capv-system")
                .node(node("eksa-prod-x2b4t").providerId("vsphere://4230a1b2-c3d4-e5f6-0718-293a4b5c6d7e").controlPlane()
                        .kubelet("v1.29.9-eks-1-29-22").os("Bottlerocket OS 1.20.5 (vmware-k8s-1.29)"))
                .node(node("eksa-prod-md-0-7d9c8f5b6b-k2n7q").providerId("vsphere://4230b2c3-d4e5-f607-1829-3a4b5c6d7e8f")
                        .kubelet("v1.29.9-eks-1-29-22").os("Bottlerocket OS 1.20.5 (vmware-k8s-1.29)"))
                .build();
    }

    private static ClusterFacts rancherRke2() {
        return cluster("v1.30.5+rke2r1").groups("helm.cattle.io", "k3s.cattle.io", "management.cattle.io", "fleet.cattle.io")
                .namespaces("cattle-system", "cattle-fleet-system", "cattle-impersonation-system")
                .node(node("rke2-prod-cp-1").providerId("rke2://rke2-prod-cp-1").controlPlane().kubelet("v1.30.5+rke2r1")
                        .runtime("containerd://1.7.21-k3s2").label("node.kubernetes.io/instance-type", "rke2"))
                .node(node("rke2-prod-worker-1").providerId("rke2://rke2-prod-worker-1").kubelet("v1.30.5+rke2r1")
                        .runtime("containerd://1.7.21-k3s2").label("node.kubernetes.io/instance-type", "rke2"))
                .build();
    }

    private static ClusterFacts rancherK3s() {
        return cluster("v1.30.5+k3s1").groups("helm.cattle.io", "k3s.cattle.io", "management.cattle.io")
                .namespaces("cattle-system", "cattle-fleet-system")
                .node(node("k3s-server-1").providerId("k3s://k3s-server-1").controlPlane().kubelet("v1.30.5+k3s1")
                        .label("node.kubernetes.io/instance-type", "k3s"))
                .build();
    }

    private static ClusterFacts bareMetalKubeadm() {
        return cluster("v1.30.5").groups("crd.projectcalico.org", "metallb.io").namespaces("calico-system", "metallb-system")
                .node(node("k8s-cp-1").controlPlane().kubelet("v1.30.5").label("node.kubernetes.io/exclude-from-external-load-balancers", ""))
                .node(node("k8s-worker-01").kubelet("v1.30.5"))
                .build();
    }

    private static ClusterFacts k3s() {
        return cluster("v1.30.5+k3s1").groups("helm.cattle.io", "k3s.cattle.io", "traefik.io")
                .node(node("k3s-server-1").providerId("k3s://k3s-server-1").controlPlane().kubelet("v1.30.5+k3s1")
                        .runtime("containerd://1.7.21-k3s2").label("node.kubernetes.io/instance-type", "k3s")
                        .label("node-role.kubernetes.io/master", "true"))
                .node(node("k3s-agent-1").providerId("k3s://k3s-agent-1").kubelet("v1.30.5+k3s1").label("node.kubernetes.io/instance-type", "k3s"))
                .build();
    }

    private static ClusterFacts rke2() {
        return cluster("v1.30.5+rke2r1").groups("helm.cattle.io", "k3s.cattle.io")
                .node(node("rke2-server-1").providerId("rke2://rke2-server-1").controlPlane().kubelet("v1.30.5+rke2r1")
                        .runtime("containerd://1.7.21-k3s2").label("node.kubernetes.io/instance-type", "rke2"))
                .build();
    }

    private static ClusterFacts kind() {
        return cluster("v1.31.0").namespaces("local-path-storage")
                .node(node("kind-control-plane").providerId("kind://docker/kind/kind-control-plane").controlPlane().kubelet("v1.31.0")
                        .os("Debian GNU/Linux 12 (bookworm)").label("node.kubernetes.io/exclude-from-external-load-balancers", ""))
                .node(node("kind-worker").providerId("kind://docker/kind/kind-worker").kubelet("v1.31.0").os("Debian GNU/Linux 12 (bookworm)"))
                .build();
    }

    private static ClusterFacts minikube() {
        return cluster("v1.31.0")
                .node(node("minikube").controlPlane().kubelet("v1.31.0").runtime("docker://27.2.0")
                        .label("minikube.k8s.io/name", "minikube").label("minikube.k8s.io/primary", "true")
                        .label("minikube.k8s.io/version", "v1.34.0"))
                .build();
    }

    // ---------------------------------------------------------------- builders

    private static Arguments row(String description, ClusterFacts facts, String provider, String platform) {
        return Arguments.of(description, facts, provider, platform);
    }

    private static FactsBuilder cluster(String serverVersion) {
        return new FactsBuilder(serverVersion);
    }

    private static NodeBuilder node(String name) {
        return new NodeBuilder(name);
    }

    private static final class FactsBuilder {
        private final String serverVersion;
        private final List<NodeFacts> nodes = new ArrayList<>();
        private final Set<String> groups = new LinkedHashSet<>(List.of("apps", "batch", "rbac.authorization.k8s.io", "authorization.k8s.io"));
        private final Set<String> namespaces = new LinkedHashSet<>(List.of("default", "kube-system", "kube-public", "kube-node-lease"));

        FactsBuilder(String serverVersion) {
            this.serverVersion = serverVersion;
        }

        FactsBuilder node(NodeBuilder node) {
            nodes.add(node.build());
            return this;
        }

        FactsBuilder groups(String... names) {
            groups.addAll(List.of(names));
            return this;
        }

        FactsBuilder namespaces(String... names) {
            namespaces.addAll(List.of(names));
            return this;
        }

        ClusterFacts build() {
            return new ClusterFacts(serverVersion, nodes, groups, namespaces);
        }
    }

    private static final class NodeBuilder {
        private final String name;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String providerId;
        private String kubelet = "v1.30.5";
        private String os = "Ubuntu 22.04.4 LTS";
        private String runtime = "containerd://1.7.22";

        NodeBuilder(String name) {
            this.name = name;
            labels.put("kubernetes.io/hostname", name);
            labels.put("kubernetes.io/os", "linux");
            labels.put("kubernetes.io/arch", "amd64");
        }

        NodeBuilder providerId(String providerId) {
            this.providerId = providerId;
            return this;
        }

        NodeBuilder kubelet(String version) {
            this.kubelet = version;
            return this;
        }

        NodeBuilder os(String image) {
            this.os = image;
            return this;
        }

        NodeBuilder runtime(String version) {
            this.runtime = version;
            return this;
        }

        NodeBuilder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        NodeBuilder controlPlane() {
            return label("node-role.kubernetes.io/control-plane", "");
        }

        NodeFacts build() {
            return new NodeFacts(name, providerId, labels, kubelet, os, runtime);
        }
    }
}
