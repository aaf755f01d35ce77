package io.mooring.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.agent.domain.CleanupPlanner.Self;
import io.mooring.events.agent.InstalledObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleanupPlannerTest {

    /** What the registry's import manifests install, in the registry's order. */
    static final List<InstalledObject> REGISTRY_ORDER = List.of(
            new InstalledObject("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "mooring-agent-read-only"),
            new InstalledObject("rbac.authorization.k8s.io/v1", "ClusterRole", null, "mooring-agent-read-only"),
            new InstalledObject("apps/v1", "Deployment", "mooring-system", "mooring-agent"),
            new InstalledObject("v1", "Secret", "mooring-system", "mooring-agent"),
            new InstalledObject("v1", "ServiceAccount", "mooring-system", "mooring-agent"),
            new InstalledObject("v1", "Namespace", null, "mooring-system"),
            new InstalledObject("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "mooring-agent-cluster-admin"));

    @Test
    void theAgentGoesLastAndItsPermissionsAfterIt() {
        List<InstalledObject> order = new CleanupPlanner().order(REGISTRY_ORDER, new Self("mooring-system", "mooring-agent", "mooring-agent"));

        assertThat(order).extracting(o -> o.kind() + "/" + o.name()).containsExactly(
                "ClusterRole/mooring-agent-read-only",
                "Secret/mooring-agent",
                "Deployment/mooring-agent",
                "Namespace/mooring-system",
                "ServiceAccount/mooring-agent",
                "ClusterRoleBinding/mooring-agent-read-only",
                "ClusterRoleBinding/mooring-agent-cluster-admin");
    }

    @Test
    void keepsTheRegistryOrderForEverythingElse() {
        List<InstalledObject> others = List.of(
                new InstalledObject("v1", "ConfigMap", "kube-system", "b"),
                new InstalledObject("v1", "ConfigMap", "kube-system", "a"),
                new InstalledObject("apps/v1", "Deployment", "other", "mooring-agent"));

        List<InstalledObject> order = new CleanupPlanner().order(others, new Self("mooring-system", "mooring-agent", "mooring-agent"));

        assertThat(order).containsExactlyElementsOf(others);
    }
}
