package io.mooring.simulator;

import static io.mooring.simulator.KubeObjects.defaultTolerations;
import static io.mooring.simulator.KubeObjects.newEvent;
import static io.mooring.simulator.KubeObjects.ownerReference;
import static io.mooring.simulator.KubeObjects.podCidr;
import static io.mooring.simulator.KubeObjects.podConditions;
import static io.mooring.simulator.KubeObjects.ts;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.mooring.simulator.FixtureGenerator.Sink;
import io.mooring.simulator.FixtureState.NodeInfo;
import io.mooring.simulator.KubeObjects.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pods placed on nodes, with their container statuses and, for some, the last hour of their events. */
final class PodFixtures {

    private final FixtureState s;

    PodFixtures(FixtureState state) {
        this.s = state;
    }

    /** Everything that varies between two pods. {@code running} false means the pod completed (a Job's pod). */
    record PodPlan(String namespace, String name, Map<String, String> labels, Owner owner, NodeInfo node,
            List<ContainerSpec> containers, Instant created, boolean running, int restarts, String priorityClass, String claim) {
    }

    void pod(PodPlan plan, Sink sink) {
        NodeInfo node = plan.node();
        String uid = s.uuid();
        boolean withEvents = plan.running() && (s.podCount % s.eventStride == 0 || s.forceWarning);
        // Pods with events were (re)started within the last hour: events older than that are gone.
        Instant created = withEvents ? s.now.minus(Duration.ofSeconds(120 + s.random.nextInt(3300))) : plan.created();
        Instant started = created.plusSeconds(2 + s.random.nextInt(6));
        String podIp = podCidr(node.index) + (2 + node.pods % 250);
        ObjectMeta meta = s.meta(plan.name(), plan.namespace(), plan.labels(), created, uid);
        if (plan.owner() != null) {
            meta.setOwnerReferences(List.of(ownerReference(plan.owner())));
        }
        if (plan.owner() != null && plan.owner().kind().equals("Node")) {
            meta.setAnnotations(ProviderProfiles.labels("kubernetes.io/config.source", "file",
                    "kubernetes.io/config.mirror", ProviderProfiles.hex(s.random, 32)));
        }

        List<ContainerStatus> statuses = new ArrayList<>();
        int cpu = 0;
        long memory = 0;
        for (ContainerSpec container : plan.containers()) {
            statuses.add(containerStatus(container, plan, started));
            cpu += container.cpuMillis();
            memory += container.memoryMi();
        }
        List<Volume> volumes = plan.claim() == null ? List.of()
                : List.of(new VolumeBuilder().withName("data").withNewPersistentVolumeClaim().withClaimName(plan.claim()).endPersistentVolumeClaim().build());

        var pod = new PodBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withContainers(plan.containers().stream().map(c -> new ContainerBuilder()
                        .withName(c.name()).withImage(c.image()).withImagePullPolicy("IfNotPresent")
                        .withResources(c.requirements())
                        .build()).toList())
                .withNodeName(node.name)
                .withVolumes(volumes)
                .withServiceAccountName(plan.namespace().equals("default") ? "default" : serviceAccount(plan))
                .withRestartPolicy(plan.running() ? "Always" : "OnFailure")
                .withSchedulerName("default-scheduler")
                .withPriorityClassName(plan.priorityClass())
                .withPriority(plan.priorityClass() == null ? 0 : plan.priorityClass().equals("system-node-critical") ? 2000001000 : 2000000000)
                .withTerminationGracePeriodSeconds(30L)
                .withDnsPolicy("ClusterFirst")
                .withEnableServiceLinks(true)
                .withPreemptionPolicy("PreemptLowerPriority")
                .withTolerations(defaultTolerations())
                .endSpec()
                .withNewStatus()
                .withPhase(plan.running() ? "Running" : "Succeeded")
                .withConditions(podConditions(plan.running(), created, started))
                .withHostIP(node.ip)
                .withPodIP(plan.running() ? podIp : null)
                .withStartTime(ts(created))
                .withContainerStatuses(statuses)
                .withQosClass(plan.containers().stream().allMatch(c -> c.cpuMillis() == 0 && c.memoryMi() == 0) ? "BestEffort" : "Burstable")
                .endStatus()
                .build();
        sink.add(pod, "pods");
        node.pods++;
        node.cpuRequested += cpu;
        node.memoryRequested += memory;
        s.podCount++;
        if (withEvents) {
            podEvents(plan, uid, created, podIp, sink);
        }
    }

    private static String serviceAccount(PodPlan plan) {
        return plan.owner() == null || plan.owner().kind().equals("Node") ? "default" : plan.labels().getOrDefault("k8s-app",
                plan.labels().getOrDefault("app.kubernetes.io/name", "default"));
    }

    private ContainerStatus containerStatus(ContainerSpec container, PodPlan plan, Instant started) {
        String containerId = s.runtimePrefix + ProviderProfiles.hex(s.random, 64);
        var status = new ContainerStatusBuilder()
                .withName(container.name())
                .withImage(container.image())
                .withImageID(container.imageId())
                .withContainerID(containerId)
                .withRestartCount(plan.restarts());
        if (plan.running()) {
            status.withReady(true).withStarted(true).withNewState().withNewRunning().withStartedAt(ts(started)).endRunning().endState();
            if (plan.restarts() > 0) {
                Instant died = started.minus(Duration.ofMinutes(1 + s.random.nextInt(600)));
                status.withNewLastState().withNewTerminated().withExitCode(137).withReason("OOMKilled")
                        .withStartedAt(ts(died.minus(Duration.ofHours(3)))).withFinishedAt(ts(died))
                        .withContainerID(s.runtimePrefix + ProviderProfiles.hex(s.random, 64)).endTerminated().endLastState();
            }
        } else {
            status.withReady(false).withStarted(false).withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
                    .withStartedAt(ts(started)).withFinishedAt(ts(started.plusSeconds(300))).withContainerID(containerId)
                    .endTerminated().endState();
        }
        return status.build();
    }

    private void podEvents(PodPlan plan, String podUid, Instant created, String podIp, Sink sink) {
        String pod = plan.name();
        String namespace = plan.namespace();
        String node = plan.node().name;
        int roll = s.forceWarning ? 1 : s.random.nextInt(20);
        s.forceWarning = false;
        if (roll == 0) {
            int total = s.nodeCount;
            event(sink, namespace, "Pod", pod, podUid, null, "Warning", "FailedScheduling",
                    "0/" + total + " nodes are available: " + total + " Insufficient cpu. preemption: 0/" + total
                            + " nodes are available: " + total + " No preemption victims found for incoming pod.",
                    "default-scheduler", null, created, 2);
        }
        event(sink, namespace, "Pod", pod, podUid, null, "Normal", "Scheduled",
                "Successfully assigned " + namespace + "/" + pod + " to " + node, "default-scheduler", null, created.plusSeconds(1), 1);
        for (ContainerSpec container : plan.containers()) {
            String field = "spec.containers{" + container.name() + "}";
            event(sink, namespace, "Pod", pod, podUid, field, "Normal", "Pulled",
                    "Container image \"" + container.image() + "\" already present on machine", "kubelet", node, created.plusSeconds(2), 1);
            event(sink, namespace, "Pod", pod, podUid, field, "Normal", "Created", "Created container " + container.name(),
                    "kubelet", node, created.plusSeconds(2), 1);
            event(sink, namespace, "Pod", pod, podUid, field, "Normal", "Started", "Started container " + container.name(),
                    "kubelet", node, created.plusSeconds(3), 1);
        }
        if (roll == 1 || roll == 2) {
            event(sink, namespace, "Pod", pod, podUid, "spec.containers{" + plan.containers().get(0).name() + "}", "Warning", "Unhealthy",
                    "Readiness probe failed: Get \"http://" + podIp + ":8080/healthz\": dial tcp " + podIp + ":8080: connect: connection refused",
                    "kubelet", node, created.plusSeconds(5), 3);
        }
        if (roll == 3) {
            event(sink, namespace, "Pod", pod, podUid, null, "Warning", "DNSConfigForming",
                    "Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 10.0.0.2 10.0.0.3 10.0.0.4",
                    "kubelet", node, created.plusSeconds(2), 1 + s.random.nextInt(8));
        }
    }

    /** A core/v1 Event as the kubelet and controllers write them; {@code count} repeats are folded into one object. */
    Event event(Sink sink, String namespace, String kind, String name, String uid, String fieldPath, String type, String reason,
            String message, String component, String host, Instant first, int count) {
        Instant last = first.plusSeconds(10L * (count - 1));
        if (last.isAfter(s.now)) {
            last = s.now;
        }
        Event event = newEvent(namespace, kind, name, uid, fieldPath, type, reason, message, component, host, first, last, count,
                s.uuid(), ProviderProfiles.hex(s.random, 16));
        sink.add(event, "events");
        s.eventCount++;
        return event;
    }
}
