package io.mooring.simulator;

import static io.mooring.simulator.KubeObjects.condition;
import static io.mooring.simulator.KubeObjects.podCidr;
import static io.mooring.simulator.KubeObjects.resources;
import static io.mooring.simulator.KubeObjects.ts;

import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.mooring.simulator.FixtureGenerator.Sink;
import io.mooring.simulator.FixtureState.NodeInfo;
import io.mooring.simulator.ProviderProfile.NodeIdentity;
import io.mooring.simulator.ProviderProfile.NodePool;
import io.mooring.simulator.ProviderProfile.NodeSlot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The nodes: control plane and worker pools as the provider names, labels, taints and sizes them. */
final class NodeFixtures {

    private static final String CONTROL_PLANE_ROLE = "node-role.kubernetes.io/control-plane";
    private static final Set<Provider> KUBEADM_BASED = Set.of(Provider.AWS_EC2, Provider.AZURE_VM, Provider.GCP_VM, Provider.VSPHERE,
            Provider.KUBEADM, Provider.KIND, Provider.MINIKUBE, Provider.EKS_ANYWHERE);

    private final FixtureState s;

    NodeFixtures(FixtureState state) {
        this.s = state;
    }

    void createNodes(Sink sink) {
        int controlPlanes = Math.min(s.nodeCount, s.profile.controlPlaneCount().applyAsInt(s.nodeCount));
        int workers = s.nodeCount - controlPlanes;
        boolean taint = s.profile.taintControlPlane() && workers > 0;
        List<String> zones = s.profile.zones().isEmpty() ? List.of("") : s.profile.zones();
        for (int i = 0; i < controlPlanes; i++) {
            node(i, i, s.profile.controlPlanePool(), true, zones, taint, workers == 0, sink);
        }
        List<NodePool> pools = s.profile.workerPools();
        int[] perPool = share(workers, pools);
        int index = controlPlanes;
        for (int p = 0; p < pools.size(); p++) {
            for (int i = 0; i < perPool[p]; i++) {
                node(index++, i, pools.get(p), false, zones, false, false, sink);
            }
        }
    }

    /** Splits workers over pools by weight, the remainder going to the first pool. */
    private static int[] share(int workers, List<NodePool> pools) {
        int[] counts = new int[pools.size()];
        double total = pools.stream().mapToDouble(NodePool::weight).sum();
        int assigned = 0;
        for (int p = 0; p < pools.size(); p++) {
            counts[p] = (int) Math.floor(workers * pools.get(p).weight() / total);
            assigned += counts[p];
        }
        counts[0] += workers - assigned;
        return counts;
    }

    private void node(int index, int indexInPool, NodePool pool, boolean controlPlane, List<String> zones, boolean tainted,
            boolean alsoWorker, Sink sink) {
        int zoneIndex = index % zones.size();
        String zone = zones.get(zoneIndex);
        NodeIdentity id = s.profile.namer().identify(new NodeSlot(index, indexInPool, pool, controlPlane, zone, zoneIndex, s.random));

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("beta.kubernetes.io/arch", pool.architecture());
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", pool.architecture());
        labels.put("kubernetes.io/hostname", id.name());
        labels.put("kubernetes.io/os", "linux");
        if (pool.instanceType() != null) {
            labels.put("beta.kubernetes.io/instance-type", pool.instanceType());
            labels.put("node.kubernetes.io/instance-type", pool.instanceType());
        }
        if (s.profile.region() != null) {
            labels.put("failure-domain.beta.kubernetes.io/region", s.profile.region());
            labels.put("failure-domain.beta.kubernetes.io/zone", zone);
            labels.put("topology.kubernetes.io/region", s.profile.region());
            labels.put("topology.kubernetes.io/zone", zone);
        }
        labels.putAll(pool.labels());
        labels.putAll(id.labels());
        if (controlPlane) {
            labels.putIfAbsent(CONTROL_PLANE_ROLE, "");
            if (KUBEADM_BASED.contains(s.profile.provider())) {
                // kubeadm keeps control-plane nodes out of external load balancers.
                labels.put("node.kubernetes.io/exclude-from-external-load-balancers", "");
            }
            if (alsoWorker && s.profile.provider() == Provider.OPENSHIFT) {
                labels.put("node-role.kubernetes.io/worker", "");
            }
        }

        List<Taint> taints = new ArrayList<>();
        if (tainted) {
            String key = s.profile.provider() == Provider.OPENSHIFT ? "node-role.kubernetes.io/master" : CONTROL_PLANE_ROLE;
            taints.add(new TaintBuilder().withKey(key).withEffect("NoSchedule").build());
            if (s.profile.provider() == Provider.RANCHER) {
                taints.add(new TaintBuilder().withKey("node-role.kubernetes.io/etcd").withValue("true").withEffect("NoExecute").build());
            }
        }

        Instant created = s.now.minus(Duration.ofHours(24L * (20 + s.random.nextInt(180)) + s.random.nextInt(24)));
        long memoryKi = (long) (pool.memoryGib() * 1024L * 1024L * 0.96);
        long allocatableMemoryKi = memoryKi - (255L + 11L * pool.maxPods() + 100L) * 1024L;
        int allocatableCpu = pool.cpuCores() * 1000 - (70 + 10 * (pool.cpuCores() - 1));
        long diskKi = pool.diskGib() * 1024L * 1024L;
        String kernel = s.profile.os().kernelVersion();
        if ("arm64".equals(pool.architecture())) {
            kernel = kernel.replace("x86_64", "aarch64");
        }

        List<NodeAddress> addresses = new ArrayList<>();
        addresses.add(new NodeAddress(id.internalIp(), "InternalIP"));
        if (id.externalIp() != null) {
            addresses.add(new NodeAddress(id.externalIp(), "ExternalIP"));
        }
        addresses.add(new NodeAddress(id.name(), "Hostname"));
        if (id.name().endsWith(".compute.internal") || id.name().endsWith(".ec2.internal")) {
            addresses.add(new NodeAddress(id.name(), "InternalDNS"));
        }

        String uid = s.uuid();
        Map<String, String> annotations = ProviderProfiles.labels(
                "node.alpha.kubernetes.io/ttl", "0",
                "volumes.kubernetes.io/controller-managed-attach-detach", "true");
        var node = new NodeBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(id.name()).withUid(uid).withCreationTimestamp(ts(created))
                        .withLabels(labels).withAnnotations(annotations).build())
                .withNewSpec()
                .withProviderID(id.providerId())
                .withPodCIDR(podCidr(index) + "0/24")
                .withTaints(taints)
                .endSpec()
                .withNewStatus()
                .withCapacity(resources(pool.cpuCores() * 1000, memoryKi, pool.maxPods(), diskKi))
                .withAllocatable(resources(allocatableCpu, allocatableMemoryKi, pool.maxPods(), (long) (diskKi * 0.9)))
                .withConditions(healthyConditions(created))
                .withAddresses(addresses)
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint().endDaemonEndpoints()
                .withNewNodeInfo()
                .withArchitecture(pool.architecture())
                .withBootID(s.uuid())
                .withContainerRuntimeVersion(s.profile.os().containerRuntime())
                .withKernelVersion(kernel)
                .withKubeProxyVersion(s.profile.os().kubeletVersion())
                .withKubeletVersion(s.profile.os().kubeletVersion())
                .withMachineID(ProviderProfiles.hex(s.random, 32))
                .withOperatingSystem("linux")
                .withOsImage(s.profile.os().osImage())
                .withSystemUUID(s.uuid())
                .endNodeInfo()
                .endStatus()
                .build();
        sink.add(node, "nodes");
        s.nodes.add(new NodeInfo(index, id.name(), uid, id.internalIp(), controlPlane, !tainted, allocatableCpu, allocatableMemoryKi / 1024));
    }

    private List<NodeCondition> healthyConditions(Instant created) {
        String heartbeat = ts(s.now.minusSeconds(s.random.nextInt(40)));
        String since = ts(created.plusSeconds(45));
        return List.of(
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", heartbeat, since),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", heartbeat, since),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", heartbeat, since),
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", heartbeat, since));
    }
}
