package io.mooring.simulator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builders of the Kubernetes objects both the fixtures and the scripted changes write (metadata pieces, conditions,
 * events, owner references), so a pod or an event created by a scripted change looks like a generated one.
 */
final class KubeObjects {

    private KubeObjects() {
    }

    static NodeCondition condition(String type, String status, String reason, String message, String heartbeat, String since) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(heartbeat).withLastTransitionTime(since).build();
    }

    static Map<String, Quantity> resources(int cpuMillis, long memoryKi, int pods, long ephemeralKi) {
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", cpuMillis % 1000 == 0 ? new Quantity(String.valueOf(cpuMillis / 1000)) : new Quantity(cpuMillis + "m"));
        resources.put("ephemeral-storage", new Quantity(ephemeralKi + "Ki"));
        resources.put("hugepages-1Gi", new Quantity("0"));
        resources.put("hugepages-2Mi", new Quantity("0"));
        resources.put("memory", new Quantity(memoryKi + "Ki"));
        resources.put("pods", new Quantity(String.valueOf(pods)));
        return resources;
    }

    static List<PodCondition> podConditions(boolean running, Instant created, Instant started) {
        String ready = running ? "True" : "False";
        String reason = running ? null : "PodCompleted";
        return List.of(
                podCondition("PodReadyToStartContainers", ready, null, started),
                podCondition("Initialized", "True", reason, created),
                podCondition("Ready", ready, reason, started.plusSeconds(5)),
                podCondition("ContainersReady", ready, reason, started.plusSeconds(5)),
                podCondition("PodScheduled", "True", null, created));
    }

    static PodCondition podCondition(String type, String status, String reason, Instant at) {
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withLastTransitionTime(ts(at)).build();
    }

    static List<Toleration> defaultTolerations() {
        return List.of(
                new TolerationBuilder().withKey("node.kubernetes.io/not-ready").withOperator("Exists").withEffect("NoExecute")
                        .withTolerationSeconds(300L).build(),
                new TolerationBuilder().withKey("node.kubernetes.io/unreachable").withOperator("Exists").withEffect("NoExecute")
                        .withTolerationSeconds(300L).build());
    }

    static Event newEvent(String namespace, String kind, String name, String uid, String fieldPath, String type, String reason,
            String message, String component, String host, Instant first, Instant last, int count, String eventUid, String suffix) {
        return new EventBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name + "." + suffix).withNamespace(namespace).withUid(eventUid)
                        .withCreationTimestamp(ts(first)).build())
                .withNewInvolvedObject().withApiVersion("v1").withKind(kind).withNamespace("Node".equals(kind) ? null : namespace)
                .withName(name).withUid(uid).withFieldPath(fieldPath).endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withNewSource().withComponent(component).withHost(host).endSource()
                .withReportingComponent(component)
                .withReportingInstance(host == null ? "" : host)
                .withFirstTimestamp(ts(first))
                .withLastTimestamp(ts(last))
                .withCount(count)
                .build();
    }

    /** The controller that owns an object. */
    record Owner(String apiVersion, String kind, String name, String uid) {
    }

    static OwnerReference ownerReference(Owner owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.apiVersion()).withKind(owner.kind()).withName(owner.name())
                .withUid(owner.uid()).withController(true).withBlockOwnerDeletion(true).build();
    }

    static Map<String, String> withHash(Map<String, String> labels, String replicaSetName) {
        Map<String, String> withHash = new LinkedHashMap<>(labels);
        withHash.put("pod-template-hash", replicaSetName.substring(replicaSetName.lastIndexOf('-') + 1));
        return withHash;
    }

    static String containerName(String workload) {
        String name = workload.replaceAll("^rke2-", "").replaceAll("-[0-9a-f]{8}$", "");
        return name.length() > 40 ? name.substring(0, 40) : name;
    }

    static String podCidr(int nodeIndex) {
        return "10." + (64 + nodeIndex / 256) + "." + (nodeIndex % 256) + ".";
    }

    static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    static String ts(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Whether the pod's Ready condition is True. */
    static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Whether the node's Ready condition is True. */
    static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
