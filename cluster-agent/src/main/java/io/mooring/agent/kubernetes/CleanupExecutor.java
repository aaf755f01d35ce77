package io.mooring.agent.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.agent.domain.CleanupPlanner;
import io.mooring.agent.domain.CleanupPlanner.Self;
import io.mooring.events.addons.ObjectRef;
import io.mooring.events.agent.InstalledObject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Removes what the import installed when the cluster is deleted, in the {@link CleanupPlanner}'s order (the agent
 * itself last). Objects already gone count as removed. Only a full-permission agent runs this.
 */
public final class CleanupExecutor {

    private static final Logger LOG = Logger.getLogger(CleanupExecutor.class);

    /** What happened: the objects deleted (or already gone) in order, and those that could not be deleted. */
    public record Result(List<InstalledObject> removed, List<String> failures) {
        public boolean complete() {
            return failures.isEmpty();
        }
    }

    private final Applier applier;
    private final CleanupPlanner planner = new CleanupPlanner();

    public CleanupExecutor(Applier applier) {
        this.applier = applier;
    }

    public Result remove(List<InstalledObject> objects, Self self) {
        List<InstalledObject> removed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (InstalledObject object : planner.order(objects, self)) {
            try {
                applier.delete(new ObjectRef(object.apiVersion(), object.kind(), object.namespace(), object.name()));
                removed.add(object);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    removed.add(object);
                } else {
                    failures.add(object.kind() + " " + object.name() + ": " + Applier.message(e));
                }
            }
        }
        LOG.infof("Cleanup: %d object(s) removed, %d failed", removed.size(), failures.size());
        return new Result(removed, failures);
    }
}
