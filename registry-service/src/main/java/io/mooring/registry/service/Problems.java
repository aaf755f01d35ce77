package io.mooring.registry.service;

import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import java.util.List;

/** The registry's refusals, worded once. */
public final class Problems {

    private Problems() {
    }

    public static ProblemException clusterNotFound() {
        return ProblemException.notFound("Cluster not found.");
    }

    public static ProblemException deleting() {
        return ProblemException.conflict("The cluster is being deleted.");
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(400, "invalid-request", "Invalid request", "The request is not valid.", errors);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Unauthorized", detail);
    }

    /** Two agents use one cluster's identity: all of them are refused until the import command is reissued. */
    public static ProblemException identityConflict() {
        return new ProblemException(409, "agent-identity-conflict", "Agent identity conflict", "Two agents use this"
                + " cluster's identity (see identityConflict on the cluster), so every agent of the cluster is refused."
                + " An operator reissues the import command (POST /api/v1/clusters/{id}/import-command) and applies it"
                + " to the cluster; remove any other copy of the agent.");
    }

    public static ProblemException clusterDeleted() {
        return ProblemException.gone("This cluster was deleted from Mooring: stop the agent and remove what the"
                + " import installed (kubectl delete namespace " + ManifestBuilder.NAMESPACE + ").");
    }
}
