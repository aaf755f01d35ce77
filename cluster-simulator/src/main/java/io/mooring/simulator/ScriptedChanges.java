package io.mooring.simulator;

import static io.mooring.simulator.KubeObjects.isReady;
import static io.mooring.simulator.KubeObjects.ts;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The trouble a test scripts into a running cluster (a node NotReady, a pod crash-looping, warnings, a workload
 * scaled), written through the simulator's cluster-admin client as the kubelet and the controllers would, so an
 * agent watching sees them as watch events.
 */
final class ScriptedChanges {

    private static final String NOT_READY_TAINT = "node.kubernetes.io/not-ready";

    private final KubernetesClient adminClient;
    private final List<String> applicationNamespaces;
    private final Random random;
    private final ControllerEvents events;
    private final WorkloadScaling scaling;

    /** {@code random} is the cluster's one scripted-change random, shared with the events and the scaling. */
    ScriptedChanges(KubernetesClient adminClient, ProviderProfile profile, List<String> applicationNamespaces, Random random) {
        this.adminClient = adminClient;
        this.applicationNamespaces = applicationNamespaces;
        this.random = random;
        this.events = new ControllerEvents(adminClient, random);
        this.scaling = new WorkloadScaling(adminClient, profile, random, events);
    }

    /** The kubelet reports the node NotReady (its CNI broke); the node controller taints it and says so. */
    void nodeNotReady(String nodeName) {
        Node node = editNode(nodeName, n -> {
            setReady(n, "False", "KubeletNotReady",
                    "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized");
            if (n.getSpec().getTaints().stream().noneMatch(t -> NOT_READY_TAINT.equals(t.getKey()))) {
                n.getSpec().getTaints().add(new TaintBuilder().withKey(NOT_READY_TAINT).withEffect("NoSchedule").withTimeAdded(ts(Instant.now())).build());
            }
            return n;
        });
        events.node(node, "NodeNotReady", "Node " + nodeName + " status is now: NodeNotReady");
    }

    /** The node recovers. */
    void nodeReady(String nodeName) {
        Node node = editNode(nodeName, n -> {
            setReady(n, "True", "KubeletReady", "kubelet is posting ready status");
            n.getSpec().getTaints().removeIf(t -> NOT_READY_TAINT.equals(t.getKey()));
            return n;
        });
        events.node(node, "NodeReady", "Node " + nodeName + " status is now: NodeReady");
    }

    /**
     * The pod's first container starts crashing: waiting in CrashLoopBackOff with five more restarts, the pod
     * not Ready (its owner's ready count drops), and the kubelet's BackOff warning.
     */
    void crashLoop(String namespace, String podName) {
        Pod pod = adminClient.pods().inNamespace(namespace).withName(podName).get();
        if (pod == null) {
            throw new IllegalArgumentException("no pod " + namespace + "/" + podName);
        }
        boolean wasReady = isReady(pod);
        String now = ts(Instant.now());
        Pod crashing = adminClient.pods().inNamespace(namespace).withName(podName).edit(p -> {
            ContainerStatus first = p.getStatus().getContainerStatuses().get(0);
            int restarts = (first.getRestartCount() == null ? 0 : first.getRestartCount()) + 5;
            String container = first.getName();
            p.getStatus().getContainerStatuses().set(0, new ContainerStatusBuilder(first)
                    .withReady(false)
                    .withStarted(false)
                    .withRestartCount(restarts)
                    .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                    .withMessage("back-off 2m40s restarting failed container=" + container + " pod=" + podName + "_" + namespace
                            + "(" + p.getMetadata().getUid() + ")")
                    .endWaiting().endState()
                    .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
                    .withStartedAt(Instant.now().minusSeconds(52).truncatedTo(ChronoUnit.SECONDS).toString())
                    .withFinishedAt(Instant.now().minusSeconds(50).truncatedTo(ChronoUnit.SECONDS).toString())
                    .withContainerID(first.getContainerID())
                    .endTerminated().endLastState()
                    .build());
            for (PodCondition condition : p.getStatus().getConditions()) {
                if ("Ready".equals(condition.getType()) || "ContainersReady".equals(condition.getType())) {
                    if (!"False".equals(condition.getStatus())) {
                        condition.setLastTransitionTime(now);
                    }
                    condition.setStatus("False");
                    condition.setReason("ContainersNotReady");
                    condition.setMessage("containers with unready status: [" + container + "]");
                }
            }
            return p;
        });
        if (wasReady) {
            adjustOwnerReadiness(crashing, -1);
        }
        ContainerStatus status = crashing.getStatus().getContainerStatuses().get(0);
        events.about(crashing, "spec.containers{" + status.getName() + "}", "Warning", "BackOff",
                "Back-off restarting failed container " + status.getName() + " in pod " + podName + "_" + namespace
                        + "(" + crashing.getMetadata().getUid() + ")",
                "kubelet", crashing.getSpec().getNodeName(), status.getRestartCount());
    }

    /** {@code count} new Warning events on running application pods, of the kinds real clusters produce most. */
    List<Event> warningBurst(int count) {
        List<Pod> candidates = new ArrayList<>();
        for (int tries = 0; candidates.isEmpty() && tries < applicationNamespaces.size() * 2; tries++) {
            String namespace = applicationNamespaces.get(random.nextInt(applicationNamespaces.size()));
            adminClient.pods().inNamespace(namespace).list().getItems().stream()
                    .filter(p -> "Running".equals(p.getStatus().getPhase()))
                    .forEach(candidates::add);
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no running application pod to warn about");
        }
        List<Event> burst = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Pod pod = candidates.get(random.nextInt(candidates.size()));
            String container = pod.getSpec().getContainers().get(0).getName();
            String image = pod.getSpec().getContainers().get(0).getImage();
            String node = pod.getSpec().getNodeName();
            String field = "spec.containers{" + container + "}";
            switch (i % 4) {
                case 0 -> burst.add(events.about(pod, field, "Warning", "Unhealthy",
                        "Liveness probe failed: HTTP probe failed with statuscode: 500", "kubelet", node, 1 + random.nextInt(5)));
                case 1 -> burst.add(events.about(pod, field, "Warning", "BackOff", "Back-off pulling image \"" + image + "\"",
                        "kubelet", node, 1 + random.nextInt(3)));
                case 2 -> burst.add(events.about(pod, null, "Warning", "FailedMount",
                        "MountVolume.SetUp failed for volume \"config\" : configmap \"" + pod.getMetadata().getLabels()
                                .getOrDefault("app.kubernetes.io/name", container) + "-config\" not found", "kubelet", node, 1));
                default -> burst.add(events.about(pod, null, "Warning", "FailedCreatePodSandBox",
                        "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \""
                                + ProviderProfiles.hex(random, 64) + "\": plugin type=\"calico\" failed (add): error getting ClusterInformation: "
                                + "connection is unauthorized: Unauthorized", "kubelet", node, 1));
            }
        }
        return burst;
    }

    /**
     * Scales a Deployment or StatefulSet as its controllers would: pods are created Running on Ready nodes (or the
     * newest deleted), the owners' replica counts and statuses follow, and the controllers' events are written.
     * A StatefulSet keeps the volumes of removed replicas, as Kubernetes does.
     */
    void scaleWorkload(String namespace, String name, int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative");
        }
        Deployment deployment = adminClient.apps().deployments().inNamespace(namespace).withName(name).get();
        if (deployment != null) {
            scaling.scaleDeployment(deployment, replicas);
            return;
        }
        StatefulSet statefulSet = adminClient.apps().statefulSets().inNamespace(namespace).withName(name).get();
        if (statefulSet != null) {
            scaling.scaleStatefulSet(statefulSet, replicas);
            return;
        }
        throw new IllegalArgumentException("no Deployment or StatefulSet " + namespace + "/" + name);
    }

    private Node editNode(String nodeName, UnaryOperator<Node> change) {
        if (adminClient.nodes().withName(nodeName).get() == null) {
            throw new IllegalArgumentException("no node " + nodeName);
        }
        return adminClient.nodes().withName(nodeName).edit(change);
    }

    private static void setReady(Node node, String status, String reason, String message) {
        String now = ts(Instant.now());
        for (NodeCondition condition : node.getStatus().getConditions()) {
            condition.setLastHeartbeatTime(now);
            if ("Ready".equals(condition.getType())) {
                if (!status.equals(condition.getStatus())) {
                    condition.setLastTransitionTime(now);
                }
                condition.setStatus(status);
                condition.setReason(reason);
                condition.setMessage(message);
            }
        }
    }

    /** A pod went from ready to not ready (or back): the controller that owns it counts it. */
    private void adjustOwnerReadiness(Pod pod, int delta) {
        for (OwnerReference owner : pod.getMetadata().getOwnerReferences()) {
            String namespace = pod.getMetadata().getNamespace();
            switch (owner.getKind()) {
                case "ReplicaSet" -> {
                    ReplicaSet replicaSet = adminClient.apps().replicaSets().inNamespace(namespace).withName(owner.getName()).edit(rs -> {
                        rs.getStatus().setReadyReplicas(Math.max(0, orZero(rs.getStatus().getReadyReplicas()) + delta));
                        rs.getStatus().setAvailableReplicas(Math.max(0, orZero(rs.getStatus().getAvailableReplicas()) + delta));
                        return rs;
                    });
                    for (OwnerReference deployment : replicaSet.getMetadata().getOwnerReferences()) {
                        if ("Deployment".equals(deployment.getKind())) {
                            adminClient.apps().deployments().inNamespace(namespace).withName(deployment.getName()).edit(d -> {
                                int ready = Math.max(0, orZero(d.getStatus().getReadyReplicas()) + delta);
                                d.getStatus().setReadyReplicas(ready);
                                d.getStatus().setAvailableReplicas(Math.max(0, orZero(d.getStatus().getAvailableReplicas()) + delta));
                                int unavailable = orZero(d.getStatus().getReplicas()) - ready;
                                d.getStatus().setUnavailableReplicas(unavailable > 0 ? unavailable : null);
                                return d;
                            });
                        }
                    }
                }
                case "StatefulSet" -> adminClient.apps().statefulSets().inNamespace(namespace).withName(owner.getName()).edit(s -> {
                    s.getStatus().setReadyReplicas(Math.max(0, orZero(s.getStatus().getReadyReplicas()) + delta));
                    s.getStatus().setAvailableReplicas(Math.max(0, orZero(s.getStatus().getAvailableReplicas()) + delta));
                    return s;
                });
                case "DaemonSet" -> adminClient.apps().daemonSets().inNamespace(namespace).withName(owner.getName()).edit(ds -> {
                    ds.getStatus().setNumberReady(Math.max(0, orZero(ds.getStatus().getNumberReady()) + delta));
                    ds.getStatus().setNumberAvailable(Math.max(0, orZero(ds.getStatus().getNumberAvailable()) + delta));
                    int unavailable = orZero(ds.getStatus().getDesiredNumberScheduled()) - ds.getStatus().getNumberAvailable();
                    ds.getStatus().setNumberUnavailable(unavailable > 0 ? unavailable : null);
                    return ds;
                });
                default -> {
                    // Static pods (owned by their Node), Jobs and bare pods have no ready count to keep.
                }
            }
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
