package io.mooring.agent.domain;

import io.mooring.events.agent.InstalledObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The order in which a full-permission agent deletes what the import installed: everything that neither runs the
 * agent nor lets it act first, in the registry's order; then the agent itself: its other objects, its Deployment,
 * its namespace, its ServiceAccount (deleting it invalidates the agent's token), and last the RBAC bindings that
 * let it delete anything at all. Deletions are asynchronous in Kubernetes, so the agent issues them all and then
 * reports, while its pod is still terminating.
 */
public final class CleanupPlanner {

    private static final Set<String> BINDINGS = Set.of("ClusterRoleBinding", "RoleBinding");

    /** Who the agent is: the namespace it runs in and the name of its Deployment and ServiceAccount. */
    public record Self(String namespace, String deployment, String serviceAccount) {
    }

    public List<InstalledObject> order(List<InstalledObject> remove, Self self) {
        List<InstalledObject> others = new ArrayList<>();
        List<InstalledObject> inOwnNamespace = new ArrayList<>();
        List<InstalledObject> deployment = new ArrayList<>();
        List<InstalledObject> namespace = new ArrayList<>();
        List<InstalledObject> serviceAccount = new ArrayList<>();
        List<InstalledObject> bindings = new ArrayList<>();
        for (InstalledObject object : remove) {
            String kind = object.kind();
            boolean own = self.namespace().equals(object.namespace());
            if (BINDINGS.contains(kind)) {
                bindings.add(object);
            } else if ("Namespace".equals(kind) && self.namespace().equals(object.name())) {
                namespace.add(object);
            } else if (own && "Deployment".equals(kind) && self.deployment().equals(object.name())) {
                deployment.add(object);
            } else if (own && "ServiceAccount".equals(kind) && self.serviceAccount().equals(object.name())) {
                serviceAccount.add(object);
            } else if (own) {
                inOwnNamespace.add(object);
            } else {
                others.add(object);
            }
        }
        List<InstalledObject> ordered = new ArrayList<>(remove.size());
        ordered.addAll(others);
        ordered.addAll(inOwnNamespace);
        ordered.addAll(deployment);
        ordered.addAll(namespace);
        ordered.addAll(serviceAccount);
        ordered.addAll(bindings);
        return ordered;
    }
}
