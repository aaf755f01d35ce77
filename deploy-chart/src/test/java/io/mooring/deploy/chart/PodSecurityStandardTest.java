package io.mooring.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pod template meets the restricted Pod Security Standard (the policy, checked by hand: the Kubernetes schema
 * says what is well-formed, not what is allowed), without a fixed UID, GID or fsGroup, which OpenShift's restricted
 * SCC assigns itself and refuses when the pod names one outside the namespace's range.
 */
class PodSecurityStandardTest {

    /** The volume types the restricted profile allows. */
    private static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> FIXED_IDS = Set.of("runAsUser", "runAsGroup", "fsGroup");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.mooring.deploy.chart.Variants#all")
    void everyPodRunsUnderTheRestrictedStandardWithoutAFixedUid(String variant) {
        List<ObjectNode> deployments = Chart.ofKind(Chart.render(Variants.values(variant)), "Deployment");
        List<String> expected = new ArrayList<>(List.of("mooring-registry", "mooring-health", "mooring-addon",
                "mooring-cost", "mooring-notification"));
        if (!variant.equals("console disabled")) {
            expected.add("mooring-console");
        }
        assertThat(deployments).extracting(d -> d.at("/metadata/name").asText())
                .containsExactlyInAnyOrderElementsOf(expected);

        List<String> violations = new ArrayList<>();
        for (ObjectNode deployment : deployments) {
            violations.addAll(violations(Chart.id(deployment), deployment.at("/spec/template/spec")));
        }
        assertThat(violations).isEmpty();
    }

    static List<String> violations(String id, JsonNode pod) {
        List<String> found = new ArrayList<>();
        JsonNode podContext = pod.path("securityContext");
        for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (pod.path(field).asBoolean(false)) {
                found.add(id + ": " + field);
            }
        }
        if (!podContext.path("runAsNonRoot").asBoolean(false)) {
            found.add(id + ": the pod does not set runAsNonRoot: true");
        }
        FIXED_IDS.stream().filter(podContext::has).forEach(f -> found.add(id + ": the pod fixes " + f));
        String podSeccomp = podContext.path("seccompProfile").path("type").asText("");
        if (!podSeccomp.isEmpty() && !Set.of("RuntimeDefault", "Localhost").contains(podSeccomp)) {
            found.add(id + ": pod seccompProfile " + podSeccomp);
        }
        if (pod.path("automountServiceAccountToken").asBoolean(true)) {
            found.add(id + ": the service account token is mounted");
        }
        for (JsonNode volume : pod.path("volumes")) {
            StreamSupport.stream(((Iterable<String>) volume::fieldNames).spliterator(), false)
                    .filter(field -> !field.equals("name"))
                    .filter(type -> !ALLOWED_VOLUMES.contains(type))
                    .forEach(type -> found.add(id + ": volume " + volume.path("name").asText() + " is " + type));
        }
        List<JsonNode> containers = new ArrayList<>();
        pod.path("initContainers").forEach(containers::add);
        pod.path("containers").forEach(containers::add);
        for (JsonNode container : containers) {
            String where = id + " container " + container.path("name").asText();
            JsonNode context = container.path("securityContext");
            if (context.path("privileged").asBoolean(false)) {
                found.add(where + ": privileged");
            }
            if (context.path("allowPrivilegeEscalation").asBoolean(true)) {
                found.add(where + ": allowPrivilegeEscalation is not false");
            }
            if (!context.path("readOnlyRootFilesystem").asBoolean(false)) {
                found.add(where + ": the root filesystem is writable");
            }
            if (context.has("runAsNonRoot") && !context.get("runAsNonRoot").asBoolean()) {
                found.add(where + ": runAsNonRoot false");
            }
            FIXED_IDS.stream().filter(context::has).forEach(f -> found.add(where + ": fixes " + f));
            boolean dropsAll = StreamSupport.stream(context.path("capabilities").path("drop").spliterator(), false)
                    .anyMatch(c -> c.asText().equals("ALL"));
            if (!dropsAll) {
                found.add(where + ": does not drop ALL capabilities");
            }
            context.path("capabilities").path("add").forEach(c -> {
                if (!c.asText().equals("NET_BIND_SERVICE")) {
                    found.add(where + ": adds " + c.asText());
                }
            });
            String seccomp = context.path("seccompProfile").path("type").asText(podSeccomp);
            if (!Set.of("RuntimeDefault", "Localhost").contains(seccomp)) {
                found.add(where + ": seccomp profile is " + (seccomp.isEmpty() ? "unset" : seccomp));
            }
            container.path("ports").forEach(port -> {
                if (port.has("hostPort")) {
                    found.add(where + ": hostPort");
                }
            });
            boolean tmpWritable = StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                    .anyMatch(m -> m.path("mountPath").asText().equals("/tmp") && !m.path("readOnly").asBoolean(false));
            if (!tmpWritable) {
                found.add(where + ": no writable /tmp (the JVM, Vert.x and nginx write there)");
            }
        }
        return found;
    }
}
