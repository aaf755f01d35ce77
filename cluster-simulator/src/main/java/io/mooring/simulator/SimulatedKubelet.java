package io.mooring.simulator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node agent of a simulated cluster, for the Deployments whose images it can run: when such a Deployment is
 * applied (by {@code kubectl}, say), it starts the pod's containers as local processes, configured from what the
 * cluster holds, as a kubelet would: environment from {@code env} (values, {@code $(VAR)} references, the downward
 * API's {@code fieldRef}, Secret and ConfigMap keys) and {@code envFrom}; emptyDir, Secret and ConfigMap volumes as
 * directories; the pod's service account as a kubeconfig with its token. The ReplicaSet controller's part is played
 * too: a changed pod template replaces the pod (stopped first, as with the {@code Recreate} strategy), zero replicas
 * or a deleted Deployment stop it, and a container that exits is started again, with back-off, in the same pod (its
 * emptyDirs kept). The pod appears in the cluster as Running and the Deployment's status counts it.
 *
 * <p>A process cannot see the container's file system, so each {@link Image} says how its process finds the mount
 * paths ({@link ContainerSpec#hostPath(String)}); other Deployments are left to the simulation's own pods. Only the
 * simulated agent's service account has a token (the simulated server knows no other identity); containers of other
 * service accounts get no kubeconfig.
 */
public final class SimulatedKubelet implements AutoCloseable {

    /** A container about to start: everything the pod spec and the cluster say about it, resolved. */
    public record ContainerSpec(String namespace, String podName, String name, String image, List<String> command,
            List<String> args, Map<String, String> env, Map<String, Path> mounts, boolean readOnlyRootFilesystem,
            Optional<Path> serviceAccountKubeconfig, Path directory) {

        /** Where a path of the container's file system is on this machine, if a volume is mounted over it. */
        public Optional<Path> hostPath(String containerPath) {
            String best = null;
            for (String mount : mounts.keySet()) {
                boolean under = containerPath.equals(mount) || containerPath.startsWith(mount.endsWith("/") ? mount : mount + "/");
                if (under && (best == null || mount.length() > best.length())) {
                    best = mount;
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            String rest = containerPath.substring(best.length()).replaceAll("^/+", "");
            return Optional.of(rest.isEmpty() ? mounts.get(best) : mounts.get(best).resolve(rest));
        }
    }

    /**
     * How to run the containers of an image as a process: sets the builder's command and adapts the environment
     * (which already holds the container's) to the image's file layout. The output goes to the container's log.
     */
    @FunctionalInterface
    public interface Image {
        void prepare(ContainerSpec container, ProcessBuilder process);
    }

    private record Runtime(Predicate<String> images, Image image) {
    }

    /** A pod of a Deployment this kubelet runs. */
    private static final class RunningPod {
        final String namespace;
        final String deployment;
        final String name;
        final String templateHash;
        final List<ContainerSpec> containers = new ArrayList<>();
        final Map<String, Process> processes = new LinkedHashMap<>();
        final Map<String, Integer> restarts = new LinkedHashMap<>();
        final Map<String, Instant> nextStart = new LinkedHashMap<>();

        RunningPod(String namespace, String deployment, String name, String templateHash) {
            this.namespace = namespace;
            this.deployment = deployment;
            this.name = name;
            this.templateHash = templateHash;
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

    private final SimulatedCluster cluster;
    private final KubernetesClient client;
    private final Path root;
    private final List<Runtime> runtimes;
    private final Map<String, RunningPod> pods = new ConcurrentHashMap<>();
    private final Map<String, Integer> podsStarted = new ConcurrentHashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService loop;

    private SimulatedKubelet(Builder builder) {
        this.cluster = builder.cluster;
        this.client = cluster.client();
        this.root = builder.root.toAbsolutePath();
        this.runtimes = List.copyOf(builder.runtimes);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "simulated-kubelet-" + cluster.clusterName());
            thread.setDaemon(true);
            return thread;
        });
        loop.scheduleWithFixedDelay(this::reconcileSafely, 0, builder.interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static Builder builder(SimulatedCluster cluster, Path root) {
        return new Builder(cluster, root);
    }

    /** Chooses the images to run and how; {@link #start()} starts watching the cluster. */
    public static final class Builder {
        private final SimulatedCluster cluster;
        private final Path root;
        private final List<Runtime> runtimes = new ArrayList<>();
        private Duration interval = Duration.ofMillis(500);

        private Builder(SimulatedCluster cluster, Path root) {
            this.cluster = Objects.requireNonNull(cluster);
            this.root = Objects.requireNonNull(root);
        }

        /** Runs the containers whose image matches, e.g. {@code i -> i.contains("/mooring-agent:")}. */
        public Builder image(Predicate<String> images, Image image) {
            runtimes.add(new Runtime(images, image));
            return this;
        }

        /** How often the cluster is compared with what runs (500 ms by default). */
        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        public SimulatedKubelet start() {
            return new SimulatedKubelet(this);
        }
    }

    // ---------------------------------------------------------------- what tests read

    /** What the kubelet did and why it could not, oldest first (for a test's failure message). */
    public List<String> events() {
        return List.copyOf(events);
    }

    /** How many pods of the Deployment were started so far (a new template, a new pod). */
    public int podsStarted(String namespace, String deployment) {
        return podsStarted.getOrDefault(namespace + "/" + deployment, 0);
    }

    /** The name of the Deployment's running pod, if one runs. */
    public Optional<String> runningPod(String namespace, String deployment) {
        return Optional.ofNullable(pods.get(namespace + "/" + deployment)).map(p -> p.name);
    }

    /** The log of a container of the Deployment's current pod (every start of it, appended). */
    public Optional<Path> log(String namespace, String deployment, String container) {
        RunningPod pod = pods.get(namespace + "/" + deployment);
        return pod == null ? Optional.empty() : Optional.of(podDirectory(pod.name).resolve(container + ".log"));
    }

    // ---------------------------------------------------------------- the loop

    private void reconcileSafely() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            event("reconcile failed: " + e);
        }
    }

    private synchronized void reconcile() {
        Map<String, Deployment> wanted = new LinkedHashMap<>();
        for (Deployment deployment : client.apps().deployments().inAnyNamespace().list().getItems()) {
            PodSpec spec = deployment.getSpec() == null || deployment.getSpec().getTemplate() == null ? null
                    : deployment.getSpec().getTemplate().getSpec();
            if (spec == null || spec.getContainers() == null || spec.getContainers().isEmpty()
                    || !spec.getContainers().stream().allMatch(c -> runtimeFor(c.getImage()).isPresent())) {
                continue;
            }
            Integer replicas = deployment.getSpec().getReplicas();
            if (replicas == null || replicas > 0) {
                wanted.put(deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName(), deployment);
            }
        }
        for (String key : List.copyOf(pods.keySet())) {
            if (!wanted.containsKey(key)) {
                RunningPod pod = pods.remove(key);
                event("stopping pod " + pod.namespace + "/" + pod.name + ": its Deployment is gone or scaled to zero");
                stop(pod);
            }
        }
        for (Map.Entry<String, Deployment> entry : wanted.entrySet()) {
            Deployment deployment = entry.getValue();
            String hash = templateHash(deployment);
            RunningPod pod = pods.get(entry.getKey());
            if (pod != null && !pod.templateHash.equals(hash)) {
                event("stopping pod " + pod.namespace + "/" + pod.name + ": the pod template changed");
                pods.remove(entry.getKey());
                stop(pod);
                pod = null;
            }
            if (pod == null) {
                pod = createPod(deployment, hash);
                if (pod == null) {
                    continue;
                }
                pods.put(entry.getKey(), pod);
                podsStarted.merge(entry.getKey(), 1, Integer::sum);
            }
            keepRunning(pod, deployment);
        }
    }

    private RunningPod createPod(Deployment deployment, String hash) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName() + "-" + hash + "-" + suffix();
        PodSpec spec = deployment.getSpec().getTemplate().getSpec();
        String serviceAccount = spec.getServiceAccountName() == null ? "default" : spec.getServiceAccountName();
        if (!"default".equals(serviceAccount)
                && client.serviceAccounts().inNamespace(namespace).withName(serviceAccount).get() == null) {
            event("cannot create a pod of " + namespace + "/" + deployment.getMetadata().getName() + ": serviceaccount \""
                    + serviceAccount + "\" not found");
            return null;
        }
        RunningPod pod = new RunningPod(namespace, deployment.getMetadata().getName(), name, hash);
        try {
            Path directory = podDirectory(name);
            Files.createDirectories(directory);
            Map<String, Path> volumes = volumes(namespace, spec, directory.resolve("volumes"));
            Optional<Path> kubeconfig = Optional.empty();
            String token = cluster.tokenOf(namespace, serviceAccount);
            if (token != null && !Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
                kubeconfig = Optional.of(Kubeconfig.write(directory.resolve("serviceaccount.kubeconfig"), cluster.clusterName(),
                        cluster.masterUrl(), token, namespace, serviceAccount));
            }
            for (Container container : spec.getContainers()) {
                Map<String, Path> mounts = new LinkedHashMap<>();
                for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
                    Path volume = volumes.get(mount.getName());
                    if (volume == null) {
                        throw new IllegalStateException("volume \"" + mount.getName() + "\" is not defined");
                    }
                    mounts.put(mount.getMountPath(), mount.getSubPath() == null || mount.getSubPath().isEmpty() ? volume
                            : volume.resolve(mount.getSubPath()));
                }
                boolean readOnlyRoot = container.getSecurityContext() != null
                        && Boolean.TRUE.equals(container.getSecurityContext().getReadOnlyRootFilesystem());
                Path containerDirectory = directory.resolve("containers").resolve(container.getName());
                Files.createDirectories(containerDirectory);
                pod.containers.add(new ContainerSpec(namespace, name, container.getName(), container.getImage(),
                        orEmpty(container.getCommand()), orEmpty(container.getArgs()),
                        environment(namespace, name, spec, container), mounts, readOnlyRoot, kubeconfig, containerDirectory));
            }
        } catch (IOException | RuntimeException e) {
            event("cannot start a pod of " + namespace + "/" + deployment.getMetadata().getName() + ": " + e.getMessage());
            return null;
        }
        event("created pod " + namespace + "/" + name);
        publishPod(pod, deployment);
        return pod;
    }

    private void keepRunning(RunningPod pod, Deployment deployment) {
        boolean changed = false;
        for (ContainerSpec container : pod.containers) {
            Process process = pod.processes.get(container.name());
            if (process != null && process.isAlive()) {
                continue;
            }
            Instant next = pod.nextStart.get(container.name());
            if (next != null && Instant.now().isBefore(next)) {
                continue;
            }
            if (process != null) {
                int restarts = pod.restarts.merge(container.name(), 1, Integer::sum);
                event("container " + container.name() + " of " + pod.namespace + "/" + pod.name + " exited with "
                        + process.exitValue() + "; restart " + restarts);
            }
            pod.processes.put(container.name(), startContainer(container));
            long backoff = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(10, pod.restarts.getOrDefault(container.name(), 0)));
            pod.nextStart.put(container.name(), Instant.now().plusMillis(backoff));
            changed = true;
        }
        if (changed) {
            publishPod(pod, deployment);
        }
    }

    private Process startContainer(ContainerSpec container) {
        Runtime runtime = runtimeFor(container.image()).orElseThrow();
        ProcessBuilder builder = new ProcessBuilder();
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        // A container sees its own environment, not the host's.
        environment.clear();
        if (path != null) {
            environment.put("PATH", path);
        }
        environment.put("HOME", container.directory().toString());
        environment.put("HOSTNAME", container.podName());
        environment.putAll(container.env());
        builder.directory(container.directory().toFile());
        runtime.image().prepare(container, builder);
        File log = podDirectory(container.podName()).resolve(container.name() + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process process = builder.start();
            event("started container " + container.name() + " of " + container.namespace() + "/" + container.podName()
                    + " (pid " + process.pid() + ")");
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start container " + container.name(), e);
        }
    }

    private void stop(RunningPod pod) {
        for (Process process : pod.processes.values()) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            children.forEach(ProcessHandle::destroy);
        }
        for (Process process : pod.processes.values()) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            client.pods().inNamespace(pod.namespace).withName(pod.name).delete();
        } catch (RuntimeException e) {
            event("could not delete pod " + pod.namespace + "/" + pod.name + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- what the cluster shows

    /** The pod object (Running, its containers ready) and the Deployment's status, as the controllers write them. */
    private void publishPod(RunningPod pod, Deployment deployment) {
        try {
            List<String> nodes = cluster.nodeNames();
            PodSpec spec = Serialization.clone(deployment.getSpec().getTemplate().getSpec());
            spec.setNodeName(nodes.isEmpty() ? null : nodes.get(0));
            Map<String, String> labels = new LinkedHashMap<>();
            if (deployment.getSpec().getTemplate().getMetadata() != null
                    && deployment.getSpec().getTemplate().getMetadata().getLabels() != null) {
                labels.putAll(deployment.getSpec().getTemplate().getMetadata().getLabels());
            }
            labels.put("pod-template-hash", pod.templateHash);
            String now = Instant.now().toString();
            Pod object = new PodBuilder()
                    .withNewMetadata().withName(pod.name).withNamespace(pod.namespace).withLabels(labels)
                        .withAnnotations(deployment.getSpec().getTemplate().getMetadata() == null ? null
                                : deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .endMetadata()
                    .withSpec(spec)
                    .withNewStatus().withPhase("Running").withStartTime(now).withPodIP("10.42.0." + (2 + Math.abs(pod.name.hashCode() % 250)))
                        .withContainerStatuses(pod.containers.stream().map(c -> new ContainerStatusBuilder()
                                .withName(c.name()).withImage(c.image()).withReady(true).withStarted(true)
                                .withRestartCount(pod.restarts.getOrDefault(c.name(), 0))
                                .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build()).toList())
                    .endStatus()
                    .build();
            client.resource(object).unlock().createOr(NonDeletingOperation::update);
            client.apps().deployments().inNamespace(pod.namespace).withName(pod.deployment).editStatus(d -> {
                d.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1)
                        .withUpdatedReplicas(1).withObservedGeneration(d.getMetadata().getGeneration()).build());
                return d;
            });
        } catch (KubernetesClientException e) {
            event("could not publish pod " + pod.namespace + "/" + pod.name + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- resolving the pod spec

    private Map<String, Path> volumes(String namespace, PodSpec spec, Path directory) throws IOException {
        Map<String, Path> volumes = new LinkedHashMap<>();
        for (Volume volume : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
            Path path = directory.resolve(volume.getName());
            Files.createDirectories(path);
            if (volume.getConfigMap() != null) {
                ConfigMap map = client.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get();
                if (map == null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                    throw new IllegalStateException("configmap \"" + volume.getConfigMap().getName() + "\" not found");
                }
                writeKeys(path, map == null ? Map.of() : stringValues(map.getData(), false), volume.getConfigMap().getItems());
            } else if (volume.getSecret() != null) {
                Secret secret = client.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).get();
                if (secret == null && !Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                    throw new IllegalStateException("secret \"" + volume.getSecret().getSecretName() + "\" not found");
                }
                writeKeys(path, secret == null ? Map.of() : secretValues(secret), volume.getSecret().getItems());
            }
            volumes.put(volume.getName(), path);
        }
        return volumes;
    }

    private static void writeKeys(Path directory, Map<String, String> values, List<KeyToPath> items) throws IOException {
        if (items == null || items.isEmpty()) {
            for (Map.Entry<String, String> value : values.entrySet()) {
                Files.writeString(directory.resolve(value.getKey()), value.getValue());
            }
            return;
        }
        for (KeyToPath item : items) {
            if (values.containsKey(item.getKey())) {
                Path file = directory.resolve(item.getPath());
                Files.createDirectories(file.getParent());
                Files.writeString(file, values.get(item.getKey()));
            }
        }
    }

    private Map<String, String> environment(String namespace, String podName, PodSpec spec, Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
            String prefix = source.getPrefix() == null ? "" : source.getPrefix();
            if (source.getSecretRef() != null) {
                Secret secret = client.secrets().inNamespace(namespace).withName(source.getSecretRef().getName()).get();
                if (secret == null && !Boolean.TRUE.equals(source.getSecretRef().getOptional())) {
                    throw new IllegalStateException("secret \"" + source.getSecretRef().getName() + "\" not found");
                }
                if (secret != null) {
                    secretValues(secret).forEach((k, v) -> env.put(prefix + k, v));
                }
            }
            if (source.getConfigMapRef() != null) {
                ConfigMap map = client.configMaps().inNamespace(namespace).withName(source.getConfigMapRef().getName()).get();
                if (map == null && !Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
                    throw new IllegalStateException("configmap \"" + source.getConfigMapRef().getName() + "\" not found");
                }
                if (map != null) {
                    stringValues(map.getData(), false).forEach((k, v) -> env.put(prefix + k, v));
                }
            }
        }
        for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            String value = variable.getValue() != null ? expand(variable.getValue(), env) : valueFrom(namespace, podName, spec, variable);
            if (value != null) {
                env.put(variable.getName(), value);
            }
        }
        return env;
    }

    private String valueFrom(String namespace, String podName, PodSpec spec, EnvVar variable) {
        var from = variable.getValueFrom();
        if (from == null) {
            return "";
        }
        if (from.getFieldRef() != null) {
            return switch (from.getFieldRef().getFieldPath()) {
                case "metadata.namespace" -> namespace;
                case "metadata.name" -> podName;
                case "spec.serviceAccountName" -> spec.getServiceAccountName() == null ? "default" : spec.getServiceAccountName();
                case "spec.nodeName" -> cluster.nodeNames().isEmpty() ? "" : cluster.nodeNames().get(0);
                case "status.podIP", "status.hostIP" -> "127.0.0.1";
                default -> throw new IllegalStateException("unsupported fieldRef " + from.getFieldRef().getFieldPath());
            };
        }
        if (from.getSecretKeyRef() != null) {
            Secret secret = client.secrets().inNamespace(namespace).withName(from.getSecretKeyRef().getName()).get();
            String value = secret == null ? null : secretValues(secret).get(from.getSecretKeyRef().getKey());
            if (value == null && !Boolean.TRUE.equals(from.getSecretKeyRef().getOptional())) {
                throw new IllegalStateException("secret key " + from.getSecretKeyRef().getName() + "/"
                        + from.getSecretKeyRef().getKey() + " not found");
            }
            return value;
        }
        if (from.getConfigMapKeyRef() != null) {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(from.getConfigMapKeyRef().getName()).get();
            String value = map == null || map.getData() == null ? null : map.getData().get(from.getConfigMapKeyRef().getKey());
            if (value == null && !Boolean.TRUE.equals(from.getConfigMapKeyRef().getOptional())) {
                throw new IllegalStateException("configmap key " + from.getConfigMapKeyRef().getName() + "/"
                        + from.getConfigMapKeyRef().getKey() + " not found");
            }
            return value;
        }
        throw new IllegalStateException("unsupported valueFrom of " + variable.getName());
    }

    /** {@code $(VAR)} of an earlier variable is replaced, {@code $$(VAR)} escapes, an unknown one stays as it is. */
    private static String expand(String value, Map<String, String> env) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            boolean escaped = matcher.start() > 0 && value.charAt(matcher.start() - 1) == '$';
            String replacement = escaped ? matcher.group() : env.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString().replace("$$(", "$(");
    }

    /** A Secret's keys: {@code data} decoded, and {@code stringData} should a writer have stored it as it was. */
    private static Map<String, String> secretValues(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>(stringValues(secret.getData(), true));
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }

    private static Map<String, String> stringValues(Map<String, String> data, boolean base64) {
        Map<String, String> values = new LinkedHashMap<>();
        if (data != null) {
            data.forEach((k, v) -> values.put(k, base64 ? new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8) : v));
        }
        return values;
    }

    private Optional<Runtime> runtimeFor(String image) {
        return image == null ? Optional.empty() : runtimes.stream().filter(r -> r.images().test(image)).findFirst();
    }

    private Path podDirectory(String podName) {
        return root.resolve("pods").resolve(podName);
    }

    /** The pod-template-hash: the same template gives the same hash, as the Deployment controller computes it. */
    private static String templateHash(Deployment deployment) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    Serialization.asJson(deployment.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String suffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return suffix.toString();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private void event(String message) {
        events.add(Instant.now() + " " + message);
    }

    /** Stops every container it started and the loop. */
    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (RunningPod pod : pods.values()) {
                stop(pod);
            }
            pods.clear();
        }
    }
}
