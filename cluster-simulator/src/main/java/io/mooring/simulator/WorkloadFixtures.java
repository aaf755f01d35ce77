package io.mooring.simulator;

import static io.mooring.simulator.KubeObjects.containerName;
import static io.mooring.simulator.KubeObjects.ownerReference;
import static io.mooring.simulator.KubeObjects.ts;
import static io.mooring.simulator.KubeObjects.withHash;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.mooring.simulator.FixtureGenerator.Sink;
import io.mooring.simulator.FixtureState.NodeInfo;
import io.mooring.simulator.KubeObjects.Owner;
import io.mooring.simulator.PodFixtures.PodPlan;
import io.mooring.simulator.ProviderProfile.Placement;
import io.mooring.simulator.ProviderProfile.StorageClassSpec;
import io.mooring.simulator.ProviderProfile.SystemWorkload;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controllers and what they own: DaemonSets, Deployments with their ReplicaSet, StatefulSets with their volumes,
 * completed Jobs; the platform's own workloads are placed as the profile says.
 */
final class WorkloadFixtures {

    private final FixtureState s;
    private final PodFixtures pods;

    WorkloadFixtures(FixtureState state, PodFixtures pods) {
        this.s = state;
        this.pods = pods;
    }

    void systemWorkload(SystemWorkload workload, Sink sink) {
        List<NodeInfo> targets = targets(workload.placement());
        Instant created = s.oldest().plus(Duration.ofMinutes(5 + s.random.nextInt(30)));
        ContainerSpec container = new ContainerSpec(containerName(workload.name()), workload.image(), s.imageId(workload.image()),
                workload.cpuMillis(), workload.memoryMi(), workload.memoryMi() == 0 ? 0 : workload.memoryMi() * 2);
        Map<String, String> labels = ProviderProfiles.labels("k8s-app", workload.name());
        switch (workload.kind()) {
            case DAEMONSET -> {
                Owner owner = daemonSet(workload.namespace(), workload.name(), labels, container, targets.size(), created, sink);
                for (NodeInfo node : targets) {
                    pods.pod(new PodPlan(workload.namespace(), s.uniqueName(workload.name() + "-"), labels, owner, node, List.of(container),
                            created.plusSeconds(20), true, 0, "system-node-critical", null), sink);
                }
            }
            case STATIC_POD -> {
                for (NodeInfo node : targets) {
                    Owner owner = new Owner("v1", "Node", node.name, node.uid);
                    pods.pod(new PodPlan(workload.namespace(), workload.name() + "-" + node.name, labels, owner, node, List.of(container),
                            created, true, 0, "system-node-critical", null), sink);
                }
            }
            case DEPLOYMENT -> deployment(workload.namespace(), workload.name(), workload.replicas(), labels, container, targets,
                    created, "system-cluster-critical", sink);
            case STATEFULSET -> statefulSet(workload.namespace(), workload.name(), workload.replicas(), labels, container, targets,
                    created, 0, sink);
            case BARE_POD -> pods.pod(new PodPlan(workload.namespace(), workload.name(), ProviderProfiles.labels("integration-test", workload.name()),
                    null, targets.get(0), List.of(container), created, true, 0, null, null), sink);
            case COMPLETED_JOB -> completedJob(workload.namespace(), workload.name(), null, labels, container, targets.get(0), created, sink);
            default -> throw new IllegalStateException("unhandled kind " + workload.kind());
        }
    }

    /** The nodes a placement runs on; pods that want workers fall back to the control plane of a one-node cluster. */
    private List<NodeInfo> targets(Placement placement) {
        List<NodeInfo> controlPlane = s.nodes.stream().filter(n -> n.controlPlane).toList();
        List<NodeInfo> workers = s.nodes.stream().filter(n -> !n.controlPlane).toList();
        return switch (placement) {
            case ALL_NODES -> s.nodes;
            case CONTROL_PLANE -> controlPlane.isEmpty() ? workers : controlPlane;
            case WORKERS -> workers.isEmpty() ? controlPlane : workers;
        };
    }

    private Owner daemonSet(String namespace, String name, Map<String, String> labels, ContainerSpec container, int desired, Instant created, Sink sink) {
        String uid = s.uuid();
        sink.add(new DaemonSetBuilder()
                .withMetadata(s.meta(name, namespace, labels, created, uid, 1L))
                .withNewSpec()
                .withSelector(new LabelSelectorBuilder().withMatchLabels(labels).build())
                .withTemplate(ContainerSpec.template(labels, List.of(container), "Always"))
                .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                .endSpec()
                .withNewStatus()
                .withDesiredNumberScheduled(desired).withCurrentNumberScheduled(desired).withNumberReady(desired)
                .withNumberAvailable(desired).withUpdatedNumberScheduled(desired).withNumberMisscheduled(0).withObservedGeneration(1L)
                .endStatus()
                .build(), "daemonsets");
        return new Owner("apps/v1", "DaemonSet", name, uid);
    }

    private void deployment(String namespace, String name, int replicas, Map<String, String> labels, ContainerSpec container,
            List<NodeInfo> targets, Instant created, String priorityClass, Sink sink) {
        Owner replicaSet = deploymentObjects(namespace, name, replicas, labels, List.of(container), created, sink);
        for (int i = 0; i < replicas; i++) {
            // Rotating over the nodes keeps the platform's replicas from piling up on the first one.
            NodeInfo node = targets.get(s.systemCursor++ % targets.size());
            pods.pod(new PodPlan(namespace, s.uniqueName(replicaSet.name() + "-"), withHash(labels, replicaSet.name()), replicaSet, node,
                    List.of(container), created.plusSeconds(30), true, 0, priorityClass, null), sink);
        }
    }

    /** Writes a Deployment and its current ReplicaSet; returns the ReplicaSet, which owns the pods. */
    Owner deploymentObjects(String namespace, String name, int replicas, Map<String, String> labels, List<ContainerSpec> containers,
            Instant created, Sink sink) {
        String deploymentUid = s.uuid();
        long generation = 1 + s.random.nextInt(12);
        String hash = ProviderProfiles.alnum(s.random, 10);
        sink.add(new DeploymentBuilder()
                .withMetadata(s.meta(name, namespace, labels, created, deploymentUid, generation))
                .withNewSpec()
                .withReplicas(replicas)
                .withSelector(new LabelSelectorBuilder().withMatchLabels(labels).build())
                .withTemplate(ContainerSpec.template(labels, containers, "Always"))
                .withRevisionHistoryLimit(10)
                .withNewStrategy().withType("RollingUpdate").endStrategy()
                .endSpec()
                .withNewStatus()
                .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).withUpdatedReplicas(replicas)
                .withObservedGeneration(generation)
                .addNewCondition().withType("Available").withStatus("True").withReason("MinimumReplicasAvailable")
                .withMessage("Deployment has minimum availability.").withLastTransitionTime(ts(created)).withLastUpdateTime(ts(created)).endCondition()
                .addNewCondition().withType("Progressing").withStatus("True").withReason("NewReplicaSetAvailable")
                .withMessage("ReplicaSet \"" + name + "-" + hash + "\" has successfully progressed.")
                .withLastTransitionTime(ts(created)).withLastUpdateTime(ts(created)).endCondition()
                .endStatus()
                .build(), "deployments");

        String replicaSetName = name + "-" + hash;
        String replicaSetUid = s.uuid();
        Map<String, String> podLabels = withHash(labels, replicaSetName);
        ObjectMeta meta = s.meta(replicaSetName, namespace, podLabels, created, replicaSetUid, 1L);
        meta.setOwnerReferences(List.of(ownerReference(new Owner("apps/v1", "Deployment", name, deploymentUid))));
        meta.setAnnotations(ProviderProfiles.labels("deployment.kubernetes.io/desired-replicas", String.valueOf(replicas),
                "deployment.kubernetes.io/max-replicas", String.valueOf(replicas + Math.max(1, replicas / 4)),
                "deployment.kubernetes.io/revision", String.valueOf(generation)));
        sink.add(new ReplicaSetBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withReplicas(replicas)
                .withSelector(new LabelSelectorBuilder().withMatchLabels(podLabels).build())
                .withTemplate(ContainerSpec.template(podLabels, containers, "Always"))
                .endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                .withFullyLabeledReplicas(replicas).withObservedGeneration(1L).endStatus()
                .build(), "replicasets");
        return new Owner("apps/v1", "ReplicaSet", replicaSetName, replicaSetUid);
    }

    void statefulSet(String namespace, String name, int replicas, Map<String, String> labels, ContainerSpec container,
            List<NodeInfo> targets, Instant created, int volumeGi, Sink sink) {
        String uid = s.uuid();
        String revision = name + "-" + ProviderProfiles.alnum(s.random, 10);
        StorageClassSpec storage = s.profile.storageClasses().get(0);
        var builder = new StatefulSetBuilder()
                .withMetadata(s.meta(name, namespace, labels, created, uid, 1L))
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(name + "-headless")
                .withPodManagementPolicy("OrderedReady")
                .withSelector(new LabelSelectorBuilder().withMatchLabels(labels).build())
                .withTemplate(ContainerSpec.template(labels, List.of(container), "Always"))
                .endSpec()
                .withNewStatus()
                .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).withCurrentReplicas(replicas)
                .withUpdatedReplicas(replicas).withCurrentRevision(revision).withUpdateRevision(revision).withObservedGeneration(1L)
                .endStatus();
        if (volumeGi > 0) {
            builder.editSpec().addNewVolumeClaimTemplate()
                    .withNewMetadata().withName("data").endMetadata()
                    .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storage.name())
                    .withNewResources().addToRequests("storage", new Quantity(volumeGi + "Gi")).endResources().endSpec()
                    .endVolumeClaimTemplate().endSpec();
        }
        sink.add(builder.build(), "statefulsets");
        Owner owner = new Owner("apps/v1", "StatefulSet", name, uid);
        int offset = s.systemCursor;
        s.systemCursor += replicas;
        for (int i = 0; i < replicas; i++) {
            String podName = name + "-" + i;
            NodeInfo node = targets.get((offset + i) % targets.size());
            String claim = null;
            if (volumeGi > 0) {
                claim = "data-" + podName;
                volume(namespace, claim, labels, volumeGi, storage, node, created, sink);
            }
            Map<String, String> podLabels = new LinkedHashMap<>(labels);
            podLabels.put("apps.kubernetes.io/pod-index", String.valueOf(i));
            podLabels.put("controller-revision-hash", revision);
            podLabels.put("statefulset.kubernetes.io/pod-name", podName);
            pods.pod(new PodPlan(namespace, podName, podLabels, owner, node, List.of(container), created.plusSeconds(40L * i), true,
                    s.restarts(), null, claim), sink);
        }
    }

    private void volume(String namespace, String claim, Map<String, String> labels, int sizeGi, StorageClassSpec storage, NodeInfo node,
            Instant created, Sink sink) {
        String claimUid = s.uuid();
        String volumeName = "pvc-" + claimUid;
        Quantity size = new Quantity(sizeGi + "Gi");
        Map<String, String> annotations = ProviderProfiles.labels(
                "pv.kubernetes.io/bind-completed", "yes",
                "pv.kubernetes.io/bound-by-controller", "yes",
                "volume.beta.kubernetes.io/storage-provisioner", storage.provisioner(),
                "volume.kubernetes.io/storage-provisioner", storage.provisioner());
        if ("WaitForFirstConsumer".equals(storage.bindingMode())) {
            annotations.put("volume.kubernetes.io/selected-node", node.name);
        }
        ObjectMeta claimMeta = s.meta(claim, namespace, labels, created, claimUid);
        claimMeta.setAnnotations(annotations);
        sink.add(new PersistentVolumeClaimBuilder()
                .withMetadata(claimMeta)
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storage.name())
                .withVolumeMode("Filesystem")
                .withVolumeName(volumeName)
                .withNewResources().addToRequests("storage", size).endResources()
                .endSpec()
                .withNewStatus().withPhase("Bound").withAccessModes("ReadWriteOnce").addToCapacity("storage", size).endStatus()
                .build(), "persistentvolumeclaims");

        String zone = s.profile.zones().isEmpty() ? "" : s.profile.zones().get(node.index % s.profile.zones().size());
        var volume = new PersistentVolumeBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(volumeName).withUid(s.uuid()).withCreationTimestamp(ts(created))
                        .withAnnotations(ProviderProfiles.labels("pv.kubernetes.io/provisioned-by", storage.provisioner())).build())
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .addToCapacity("storage", size)
                .withPersistentVolumeReclaimPolicy("Delete")
                .withStorageClassName(storage.name())
                .withVolumeMode("Filesystem")
                .withNewClaimRef().withApiVersion("v1").withKind("PersistentVolumeClaim").withNamespace(namespace).withName(claim)
                .withUid(claimUid).endClaimRef()
                .endSpec()
                .withNewStatus().withPhase("Bound").endStatus();
        String handle = storage.volumeHandle()
                .replace("{uuid}", claimUid)
                .replace("{zone}", zone)
                .replace("{hex17}", ProviderProfiles.hex(s.random, 16))
                .replace("{namespace}", namespace)
                .replace("{claim}", claim);
        if (storage.csi()) {
            volume.editSpec().withNewCsi().withDriver(storage.provisioner()).withVolumeHandle(handle).withFsType("ext4").endCsi().endSpec();
        } else {
            volume.editSpec().withNewHostPath().withPath(handle).withType("DirectoryOrCreate").endHostPath().endSpec();
        }
        sink.add(volume.build(), "persistentvolumes");
    }

    void completedJob(String namespace, String name, Owner owner, Map<String, String> labels, ContainerSpec container,
            NodeInfo node, Instant started, Sink sink) {
        String uid = s.uuid();
        Map<String, String> jobLabels = new LinkedHashMap<>(labels);
        jobLabels.put("batch.kubernetes.io/job-name", name);
        jobLabels.put("batch.kubernetes.io/controller-uid", uid);
        ObjectMeta meta = s.meta(name, namespace, jobLabels, started, uid, 1L);
        if (owner != null) {
            meta.setOwnerReferences(List.of(ownerReference(owner)));
        }
        sink.add(new JobBuilder()
                .withMetadata(meta)
                .withNewSpec().withBackoffLimit(2).withCompletions(1).withParallelism(1)
                .withTemplate(ContainerSpec.template(jobLabels, List.of(container), "OnFailure")).endSpec()
                .withNewStatus().withSucceeded(1).withStartTime(ts(started)).withCompletionTime(ts(started.plusSeconds(312)))
                .addNewCondition().withType("Complete").withStatus("True").withLastProbeTime(ts(started.plusSeconds(312)))
                .withLastTransitionTime(ts(started.plusSeconds(312))).endCondition()
                .endStatus()
                .build(), "jobs");
        pods.pod(new PodPlan(namespace, s.uniqueName(name + "-"), jobLabels, new Owner("batch/v1", "Job", name, uid), node, List.of(container),
                started, false, 0, null, null), sink);
    }
}
