package io.mooring.simulator;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * What one provider looks like from its API server: versions, machines, how nodes are named and identified,
 * the system software it runs, the API groups it adds and its storage. {@link FixtureGenerator} turns it into
 * objects for a cluster of any size.
 */
record ProviderProfile(
        Provider provider,
        String clusterName,
        String gitVersion,
        NodeOs os,
        String region,
        List<String> zones,
        IntUnaryOperator controlPlaneCount,
        boolean taintControlPlane,
        NodePool controlPlanePool,
        List<NodePool> workerPools,
        NodeNamer namer,
        List<SystemWorkload> systemWorkloads,
        List<ApiGroup> apiGroups,
        List<CustomObject> customObjects,
        List<StorageClassSpec> storageClasses,
        String imageRegistry,
        boolean metricsServer) {

    /** What every node of the cluster runs; the kernel's architecture suffix follows the node pool. */
    record NodeOs(String kubeletVersion, String osImage, String kernelVersion, String containerRuntime) {
    }

    /** A group of identical machines; {@code weight} is the pool's share of the worker nodes. */
    record NodePool(
            String name,
            String instanceType,
            String architecture,
            int cpuCores,
            int memoryGib,
            int maxPods,
            int diskGib,
            double weight,
            Map<String, String> labels) {
    }

    /** Where a node sits when it is named: its ordinal in the cluster and in its pool, and its zone. */
    record NodeSlot(int index, int indexInPool, NodePool pool, boolean controlPlane, String zone, int zoneIndex, Random random) {
    }

    /** How the provider names and identifies a machine; {@code labels} are added to the well-known ones. */
    record NodeIdentity(String name, String providerId, String internalIp, String externalIp, Map<String, String> labels) {
    }

    @FunctionalInterface
    interface NodeNamer {
        NodeIdentity identify(NodeSlot slot);
    }

    enum WorkloadKind { DEPLOYMENT, DAEMONSET, STATEFULSET, STATIC_POD, BARE_POD, COMPLETED_JOB }

    enum Placement { ALL_NODES, CONTROL_PLANE, WORKERS }

    /** A piece of the platform's own software: replicas are ignored for per-node kinds. */
    record SystemWorkload(
            String namespace,
            WorkloadKind kind,
            String name,
            int replicas,
            String image,
            int cpuMillis,
            int memoryMi,
            Placement placement) {
    }

    record ApiResourceSpec(String plural, String kind, boolean namespaced) {
    }

    /** An API group the provider serves; {@code crd} is false for aggregated APIs, which have no CRD object. */
    record ApiGroup(String group, String version, boolean crd, List<ApiResourceSpec> resources) {
    }

    /** A custom resource a provider keeps in every cluster (OpenShift's ClusterVersion, EKS Anywhere's Cluster). */
    record CustomObject(String apiVersion, String kind, String plural, String namespace, String name,
            Map<String, Object> spec, Map<String, Object> status) {
    }

    /**
     * A storage class; {@code volumeHandle} is the template of the CSI volume handle of its volumes
     * ({uuid}, {zone}), or, when {@code csi} is false, the host path template ({pvc}, {namespace}, {claim}).
     */
    record StorageClassSpec(String name, String provisioner, Map<String, String> parameters, boolean isDefault,
            String bindingMode, boolean csi, String volumeHandle) {
    }
}
