package io.mooring.simulator;

import static io.mooring.simulator.KubeObjects.isReady;
import static io.mooring.simulator.KubeObjects.ts;
import static io.mooring.simulator.KubeObjects.defaultTolerations;
import static io.mooring.simulator.KubeObjects.ownerReference;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.simulator.KubeObjects.Owner;
import io.mooring.simulator.ProviderProfile.StorageClassSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scales a Deployment or StatefulSet as its controllers would: pods created Running on Ready nodes (or the newest
 * deleted), the owners' replica counts and statuses following, volumes bound for new StatefulSet replicas, and the
 * controllers' events written.
 */
final class WorkloadScaling {

    private final KubernetesClient adminClient;
    private final ProviderProfile profile;
    private final Random random;
    private final ControllerEvents events;
    private final AtomicInteger placement = new AtomicInteger();

    WorkloadScaling(KubernetesClient adminClient, ProviderProfile profile, Random random, ControllerEvents events) {
        this.adminClient = adminClient;
        this.profile = profile;
        this.random = random;
        this.events = events;
    }

    void scaleDeployment(Deployment deployment, int replicas) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        ReplicaSet replicaSet = adminClient.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> ownedBy(rs, deployment.getMetadata().getUid()))
                .max(Comparator.comparing(rs -> rs.getMetadata().getCreationTimestamp()))
                .orElseGet(() -> createReplicaSet(deployment));
        String replicaSetName = replicaSet.getMetadata().getName();
        List<Pod> pods = podsOwnedBy(namespace, replicaSet.getMetadata().getUid());
        int before = pods.size();
        if (replicas > before) {
            List<Node> nodes = schedulableNodes();
            for (int i = before; i < replicas; i++) {
                String podName = replicaSetName + "-" + ProviderProfiles.alnum(random, 5);
                Pod pod = createRunningPod(namespace, podName, replicaSet.getSpec().getTemplate(), owner(replicaSet), nodes, null);
                events.about(replicaSet, null, "Normal", "SuccessfulCreate", "Created pod: " + podName, "replicaset-controller", null, 1);
                events.about(pod, null, "Normal", "Scheduled", "Successfully assigned " + namespace + "/" + podName + " to "
                        + pod.getSpec().getNodeName(), "default-scheduler", null, 1);
            }
        } else {
            pods.sort(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()).reversed());
            for (Pod pod : pods.subList(0, before - replicas)) {
                adminClient.resource(pod).delete();
                events.about(replicaSet, null, "Normal", "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName(),
                        "replicaset-controller", null, 1);
            }
        }
        int ready = (int) podsOwnedBy(namespace, replicaSet.getMetadata().getUid()).stream().filter(KubeObjects::isReady).count();
        adminClient.apps().replicaSets().inNamespace(namespace).withName(replicaSetName).edit(rs -> {
            rs.getSpec().setReplicas(replicas);
            rs.getMetadata().getAnnotations().put("deployment.kubernetes.io/desired-replicas", String.valueOf(replicas));
            rs.getStatus().setReplicas(replicas);
            rs.getStatus().setFullyLabeledReplicas(replicas);
            rs.getStatus().setReadyReplicas(ready);
            rs.getStatus().setAvailableReplicas(ready);
            return rs;
        });
        adminClient.apps().deployments().inNamespace(namespace).withName(name).edit(d -> {
            d.getSpec().setReplicas(replicas);
            d.getStatus().setReplicas(replicas);
            d.getStatus().setUpdatedReplicas(replicas);
            d.getStatus().setReadyReplicas(ready);
            d.getStatus().setAvailableReplicas(ready);
            d.getStatus().setUnavailableReplicas(replicas - ready > 0 ? replicas - ready : null);
            return d;
        });
        if (replicas != before) {
            events.about(deployment, null, "Normal", "ScalingReplicaSet", "Scaled " + (replicas > before ? "up" : "down") + " replica set "
                    + replicaSetName + " to " + replicas + " from " + before, "deployment-controller", null, 1);
        }
    }

    private ReplicaSet createReplicaSet(Deployment deployment) {
        String hash = ProviderProfiles.alnum(random, 10);
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.put("pod-template-hash", hash);
        template.getMetadata().setLabels(labels);
        return adminClient.resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(deployment.getMetadata().getName() + "-" + hash).withNamespace(deployment.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(owner(deployment)).withAnnotations(new LinkedHashMap<>()).endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().withMatchLabels(labels).endSelector().withTemplate(template).endSpec()
                .withNewStatus().withReplicas(0).endStatus()
                .build()).create();
    }

    void scaleStatefulSet(StatefulSet statefulSet, int replicas) {
        String namespace = statefulSet.getMetadata().getNamespace();
        String name = statefulSet.getMetadata().getName();
        List<Pod> pods = podsOwnedBy(namespace, statefulSet.getMetadata().getUid());
        int before = pods.size();
        if (replicas > before) {
            List<Node> nodes = schedulableNodes();
            for (int i = before; i < replicas; i++) {
                String podName = name + "-" + i;
                String claim = null;
                for (PersistentVolumeClaim template : statefulSet.getSpec().getVolumeClaimTemplates()) {
                    claim = template.getMetadata().getName() + "-" + podName;
                    if (adminClient.persistentVolumeClaims().inNamespace(namespace).withName(claim).get() == null) {
                        createBoundClaim(namespace, claim, template, statefulSet.getSpec().getSelector().getMatchLabels());
                        events.about(statefulSet, null, "Normal", "SuccessfulCreate", "create Claim " + claim + " Pod " + podName
                                + " in StatefulSet " + name + " success", "statefulset-controller", null, 1);
                    }
                }
                PodTemplateSpec template = statefulSet.getSpec().getTemplate();
                Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
                labels.put("apps.kubernetes.io/pod-index", String.valueOf(i));
                labels.put("statefulset.kubernetes.io/pod-name", podName);
                Pod pod = createRunningPod(namespace, podName, template, owner(statefulSet), nodes, claim, labels);
                events.about(statefulSet, null, "Normal", "SuccessfulCreate", "create Pod " + podName + " in StatefulSet " + name
                        + " successful", "statefulset-controller", null, 1);
                events.about(pod, null, "Normal", "Scheduled", "Successfully assigned " + namespace + "/" + podName + " to "
                        + pod.getSpec().getNodeName(), "default-scheduler", null, 1);
            }
        } else {
            for (Pod pod : pods) {
                String podName = pod.getMetadata().getName();
                int ordinal = Integer.parseInt(podName.substring(podName.lastIndexOf('-') + 1));
                if (ordinal >= replicas) {
                    adminClient.resource(pod).delete();
                    events.about(statefulSet, null, "Normal", "SuccessfulDelete", "delete Pod " + podName + " in StatefulSet " + name
                            + " successful", "statefulset-controller", null, 1);
                }
            }
        }
        int ready = (int) podsOwnedBy(namespace, statefulSet.getMetadata().getUid()).stream().filter(KubeObjects::isReady).count();
        adminClient.apps().statefulSets().inNamespace(namespace).withName(name).edit(s -> {
            s.getSpec().setReplicas(replicas);
            s.getStatus().setReplicas(replicas);
            s.getStatus().setCurrentReplicas(replicas);
            s.getStatus().setUpdatedReplicas(replicas);
            s.getStatus().setReadyReplicas(ready);
            s.getStatus().setAvailableReplicas(ready);
            return s;
        });
    }

    private void createBoundClaim(String namespace, String claim, PersistentVolumeClaim template, Map<String, String> labels) {
        String storageClass = template.getSpec().getStorageClassName();
        StorageClassSpec storage = profile.storageClasses().stream().filter(s -> s.name().equals(storageClass)).findFirst()
                .orElse(profile.storageClasses().get(0));
        Quantity size = template.getSpec().getResources().getRequests().get("storage");
        String volumeName = "pvc-" + UUID.randomUUID();
        adminClient.resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(claim).withNamespace(namespace).withLabels(labels)
                .addToAnnotations("pv.kubernetes.io/bind-completed", "yes")
                .addToAnnotations("volume.kubernetes.io/storage-provisioner", storage.provisioner()).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storage.name()).withVolumeMode("Filesystem")
                .withVolumeName(volumeName).withNewResources().addToRequests("storage", size).endResources().endSpec()
                .withNewStatus().withPhase("Bound").withAccessModes("ReadWriteOnce").addToCapacity("storage", size).endStatus()
                .build()).create();
        var volume = new PersistentVolumeBuilder()
                .withNewMetadata().withName(volumeName).addToAnnotations("pv.kubernetes.io/provisioned-by", storage.provisioner()).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").addToCapacity("storage", size).withPersistentVolumeReclaimPolicy("Delete")
                .withStorageClassName(storage.name()).withVolumeMode("Filesystem")
                .withNewClaimRef().withApiVersion("v1").withKind("PersistentVolumeClaim").withNamespace(namespace).withName(claim).endClaimRef()
                .endSpec()
                .withNewStatus().withPhase("Bound").endStatus();
        String handle = storage.volumeHandle().replace("{uuid}", volumeName.substring(4)).replace("{zone}", profile.zones().isEmpty() ? "" : profile.zones().get(0))
                .replace("{hex17}", ProviderProfiles.hex(random, 16)).replace("{namespace}", namespace).replace("{claim}", claim);
        if (storage.csi()) {
            volume.editSpec().withNewCsi().withDriver(storage.provisioner()).withVolumeHandle(handle).withFsType("ext4").endCsi().endSpec();
        } else {
            volume.editSpec().withNewHostPath().withPath(handle).withType("DirectoryOrCreate").endHostPath().endSpec();
        }
        adminClient.resource(volume.build()).create();
    }

    private Pod createRunningPod(String namespace, String podName, PodTemplateSpec template, OwnerReference owner, List<Node> nodes,
            String claim) {
        return createRunningPod(namespace, podName, template, owner, nodes, claim, template.getMetadata().getLabels());
    }

    private Pod createRunningPod(String namespace, String podName, PodTemplateSpec template, OwnerReference owner, List<Node> nodes,
            String claim, Map<String, String> labels) {
        Node node = nodes.get(Math.floorMod(placement.getAndIncrement(), nodes.size()));
        String hostIp = node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress)
                .findFirst().orElse("10.0.0.10");
        String runtime = node.getStatus().getNodeInfo().getContainerRuntimeVersion();
        String runtimePrefix = runtime.substring(0, runtime.indexOf("://") + 3);
        String now = ts(Instant.now());
        List<ContainerStatus> statuses = template.getSpec().getContainers().stream().map(c -> new ContainerStatusBuilder()
                .withName(c.getName()).withImage(c.getImage())
                .withImageID(c.getImage().replaceAll(":[^:/]+$", "") + "@sha256:" + ProviderProfiles.hex(new Random(c.getImage().hashCode()), 64))
                .withContainerID(runtimePrefix + ProviderProfiles.hex(random, 64))
                .withReady(true).withStarted(true).withRestartCount(0)
                .withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
                .build()).toList();
        var pod = new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(namespace).withLabels(labels).withOwnerReferences(owner).endMetadata()
                .withSpec(template.getSpec())
                .editSpec()
                .withNodeName(node.getMetadata().getName())
                .withSchedulerName("default-scheduler")
                .withTolerations(defaultTolerations())
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition().withType("PodReadyToStartContainers").withStatus("True").withLastTransitionTime(now).endCondition()
                .addNewCondition().withType("Initialized").withStatus("True").withLastTransitionTime(now).endCondition()
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(now).endCondition()
                .addNewCondition().withType("ContainersReady").withStatus("True").withLastTransitionTime(now).endCondition()
                .addNewCondition().withType("PodScheduled").withStatus("True").withLastTransitionTime(now).endCondition()
                .withHostIP(hostIp)
                .withPodIP("10." + (128 + random.nextInt(64)) + "." + random.nextInt(256) + "." + (2 + random.nextInt(250)))
                .withStartTime(now)
                .withContainerStatuses(statuses)
                .withQosClass("Burstable")
                .endStatus();
        if (claim != null) {
            pod.editSpec().withVolumes(new VolumeBuilder().withName("data").withNewPersistentVolumeClaim().withClaimName(claim)
                    .endPersistentVolumeClaim().build()).endSpec();
        }
        return adminClient.resource(pod.build()).create();
    }

    private List<Node> schedulableNodes() {
        List<Node> all = adminClient.nodes().list().getItems();
        List<Node> schedulable = all.stream()
                .filter(n -> isReady(n) && n.getSpec().getTaints().stream().noneMatch(t -> "NoSchedule".equals(t.getEffect())))
                .toList();
        if (!schedulable.isEmpty()) {
            return schedulable;
        }
        List<Node> ready = all.stream().filter(KubeObjects::isReady).toList();
        return ready.isEmpty() ? all : ready;
    }

    private List<Pod> podsOwnedBy(String namespace, String uid) {
        return new ArrayList<>(adminClient.pods().inNamespace(namespace).list().getItems().stream().filter(p -> ownedBy(p, uid)).toList());
    }

    private static boolean ownedBy(HasMetadata object, String uid) {
        return object.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()));
    }

    private static OwnerReference owner(HasMetadata owner) {
        return ownerReference(new Owner(owner.getApiVersion(), owner.getKind(),
                owner.getMetadata().getName(), owner.getMetadata().getUid()));
    }
}
