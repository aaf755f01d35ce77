package io.mooring.simulator;

import static io.mooring.simulator.KubeObjects.base64;
import static io.mooring.simulator.KubeObjects.ts;
import static io.mooring.simulator.KubeObjects.withHash;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.mooring.simulator.FixtureGenerator.Sink;
import io.mooring.simulator.FixtureState.NodeInfo;
import io.mooring.simulator.KubeObjects.Owner;
import io.mooring.simulator.PodFixtures.PodPlan;
import io.mooring.simulator.ProviderProfile.WorkloadKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The application namespaces: a credentials Secret, Deployments, StatefulSets and a nightly CronJob in each. */
final class ApplicationFixtures {

    private static final List<String> APP_NAMESPACES = List.of("payments", "checkout", "catalog", "search", "orders", "identity",
            "notifications", "analytics", "frontend", "inventory", "shipping", "recommendations", "billing", "media",
            "reporting", "partner-api", "loyalty", "pricing", "fraud-detection", "customer-support");

    private final FixtureState s;
    private final PodFixtures pods;
    private final WorkloadFixtures workloads;

    ApplicationFixtures(FixtureState state, PodFixtures pods, WorkloadFixtures workloads) {
        this.s = state;
        this.pods = pods;
        this.workloads = workloads;
    }

    void applications(Sink sink) {
        int target = s.nodeCount * s.podsPerNode;
        int remaining = target - s.podCount;
        List<NodeInfo> schedulable = s.nodes.stream().filter(n -> n.schedulable).toList();
        int appSlots = Math.max(1, schedulable.stream().mapToInt(n -> Math.max(0, s.podsPerNode - n.pods)).max().orElse(1));
        // Requests are sized so that a full node stays under its allocatable CPU and memory.
        int cpuCap = Math.max(10, schedulable.stream().mapToInt(n -> (int) (n.allocatableCpu * 0.85) - n.cpuRequested).min().orElse(1000) / appSlots);
        int memoryCap = Math.max(32, (int) (schedulable.stream().mapToLong(n -> (long) (n.allocatableMemoryMi * 0.85) - n.memoryRequested)
                .min().orElse(2048) / appSlots));
        int scale = Math.max(1, (int) Math.round(Math.sqrt(Math.max(0, remaining) / 100.0)));

        int n = 0;
        boolean statefulDone = false;
        s.forceWarning = true;
        while (remaining > 0 || n == 0 || !statefulDone) {
            String namespace = n < APP_NAMESPACES.size() ? APP_NAMESPACES.get(n) : APP_NAMESPACES.get(n % APP_NAMESPACES.size()) + "-" + (n / APP_NAMESPACES.size() + 1);
            s.namespaces.add(namespace);
            s.appNamespaces.add(namespace);
            Instant created = s.oldest().plus(Duration.ofDays(1 + s.random.nextInt(10)));
            sink.add(new SecretBuilder()
                    .withMetadata(s.meta(namespace + "-db-credentials", namespace, ProviderProfiles.labels("app.kubernetes.io/part-of", namespace), created))
                    .withType("Opaque")
                    .withData(Map.of("username", base64(namespace), "password", base64(ProviderProfiles.hex(s.random, 24))))
                    .build(), "secrets");
            String prefix = namespace.replaceAll("-\\d+$", "");
            for (AppComponent component : AppComponent.values()) {
                if (remaining <= 0 && (component != AppComponent.POSTGRES || statefulDone) && !(n == 0 && component == AppComponent.API)) {
                    continue;
                }
                if (component == AppComponent.NIGHTLY_REPORT && n % 3 != 2) {
                    continue;
                }
                String name = prefix + "-" + component.suffix;
                Map<String, String> labels = ProviderProfiles.labels(
                        "app.kubernetes.io/name", name,
                        "app.kubernetes.io/part-of", namespace,
                        "app.kubernetes.io/version", component.version);
                String image = s.profile.imageRegistry() + "/" + (component.image != null ? component.image : name) + ":" + component.version;
                int cpu = Math.min(component.cpuMillis, cpuCap);
                int memory = Math.min(component.memoryMi, memoryCap);
                List<ContainerSpec> containers = new ArrayList<>();
                containers.add(new ContainerSpec(component.container, image, s.imageId(image), cpu, memory, memory * 2));
                if (component.sidecar) {
                    String shipper = "cr.fluentbit.io/fluent/fluent-bit:3.1.9";
                    containers.add(new ContainerSpec("log-shipper", shipper, s.imageId(shipper), Math.min(20, cpuCap), Math.min(32, memoryCap), 64));
                }
                Instant since = created.plus(Duration.ofHours(s.random.nextInt(200)));
                switch (component.kind) {
                    case DEPLOYMENT -> {
                        int replicas = Math.max(1, Math.min(Math.max(remaining, 1), component.replicas * scale));
                        appDeployment(namespace, name, replicas, labels, containers, since, sink);
                        remaining -= replicas;
                    }
                    case STATEFULSET -> {
                        int replicas = Math.max(1, Math.min(Math.max(remaining, 1), component.replicas));
                        statefulSetOf(namespace, name, replicas, labels, containers, since, component.volumeGi, sink);
                        remaining -= replicas;
                        statefulDone = true;
                    }
                    case COMPLETED_JOB -> {
                        nightlyReport(namespace, name, labels, containers.get(0), sink);
                        remaining -= 1;
                    }
                    default -> throw new IllegalStateException("unhandled kind " + component.kind);
                }
            }
            n++;
        }
    }

    /** The services every application namespace is made of, with their usual requests. */
    private enum AppComponent {
        API("api", WorkloadKind.DEPLOYMENT, 3, 250, 512, "app", null, "2.14.3", false, 0),
        WORKER("worker", WorkloadKind.DEPLOYMENT, 2, 500, 1024, "worker", null, "2.14.3", true, 0),
        WEB("web", WorkloadKind.DEPLOYMENT, 2, 100, 128, "nginx", null, "1.27.2", false, 0),
        CONSUMER("consumer", WorkloadKind.DEPLOYMENT, 2, 200, 384, "consumer", null, "2.14.3", false, 0),
        POSTGRES("postgres", WorkloadKind.STATEFULSET, 2, 500, 1024, "postgres", "postgres", "16.4", false, 50),
        REDIS("redis", WorkloadKind.STATEFULSET, 1, 100, 256, "redis", "redis", "7.4.1", false, 8),
        NIGHTLY_REPORT("nightly-report", WorkloadKind.COMPLETED_JOB, 1, 200, 256, "report", null, "1.3.0", false, 0);

        final String suffix;
        final WorkloadKind kind;
        final int replicas;
        final int cpuMillis;
        final int memoryMi;
        final String container;
        final String image;
        final String version;
        final boolean sidecar;
        final int volumeGi;

        AppComponent(String suffix, WorkloadKind kind, int replicas, int cpuMillis, int memoryMi, String container, String image,
                String version, boolean sidecar, int volumeGi) {
            this.suffix = suffix;
            this.kind = kind;
            this.replicas = replicas;
            this.cpuMillis = cpuMillis;
            this.memoryMi = memoryMi;
            this.container = container;
            this.image = image;
            this.version = version;
            this.sidecar = sidecar;
            this.volumeGi = volumeGi;
        }
    }

    private void appDeployment(String namespace, String name, int replicas, Map<String, String> labels, List<ContainerSpec> containers,
            Instant created, Sink sink) {
        Owner replicaSet = workloads.deploymentObjects(namespace, name, replicas, labels, containers, created, sink);
        for (int i = 0; i < replicas; i++) {
            NodeInfo node = nextAppNode();
            pods.pod(new PodPlan(namespace, s.uniqueName(replicaSet.name() + "-"), withHash(labels, replicaSet.name()), replicaSet, node, containers,
                    created.plus(Duration.ofMinutes(s.random.nextInt(60 * 24 * 5))), true, s.restarts(), null, null), sink);
        }
    }

    private void statefulSetOf(String namespace, String name, int replicas, Map<String, String> labels, List<ContainerSpec> containers,
            Instant created, int volumeGi, Sink sink) {
        List<NodeInfo> targets = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            targets.add(nextAppNode());
        }
        workloads.statefulSet(namespace, name, replicas, labels, containers.get(0), targets, created, volumeGi, sink);
    }

    private NodeInfo nextAppNode() {
        List<NodeInfo> schedulable = s.nodes.stream().filter(n -> n.schedulable).toList();
        for (int tries = 0; tries < schedulable.size(); tries++) {
            NodeInfo node = schedulable.get(s.appCursor++ % schedulable.size());
            if (node.pods < s.podsPerNode) {
                return node;
            }
        }
        // Every node is full: the minimum application set still has to run somewhere.
        return schedulable.get(s.appCursor++ % schedulable.size());
    }

    private void nightlyReport(String namespace, String name, Map<String, String> labels, ContainerSpec container, Sink sink) {
        String cronJobUid = s.uuid();
        Instant lastRun = s.now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(2));
        if (lastRun.isAfter(s.now)) {
            lastRun = lastRun.minus(Duration.ofDays(1));
        }
        PodTemplateSpec template = ContainerSpec.template(labels, List.of(container), "OnFailure");
        sink.add(new CronJobBuilder()
                .withMetadata(s.meta(name, namespace, labels, s.oldest().plus(Duration.ofDays(3)), cronJobUid))
                .withNewSpec()
                .withSchedule("0 2 * * *")
                .withConcurrencyPolicy("Forbid")
                .withSuccessfulJobsHistoryLimit(3)
                .withFailedJobsHistoryLimit(1)
                .withNewJobTemplate().withNewSpec().withTemplate(template).withBackoffLimit(2).endSpec().endJobTemplate()
                .endSpec()
                .withNewStatus().withLastScheduleTime(ts(lastRun)).withLastSuccessfulTime(ts(lastRun.plusSeconds(312))).endStatus()
                .build(), "cronjobs");
        String jobName = name + "-" + (lastRun.getEpochSecond() / 60);
        workloads.completedJob(namespace, jobName, new Owner("batch/v1", "CronJob", name, cronJobUid), labels, container, nextAppNode(), lastRun, sink);
    }
}
