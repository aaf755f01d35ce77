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

    public static ProblemException clusterDeleted() {
        return ProblemException.gone("This cluster was deleted from Mooring: stop the agent and remove what the"
                + " import installed (kubectl delete namespace " + ManifestBuilder.NAMESPACE + ").");
    }
}
