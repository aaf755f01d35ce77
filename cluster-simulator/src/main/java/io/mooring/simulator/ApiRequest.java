package io.mooring.simulator;

import java.time.Instant;
import java.util.Set;

/**
 * One request the simulated API server received. {@code user} is {@code system:admin} for the simulator's own
 * client and the agent's service account for every other caller.
 */
public record ApiRequest(Instant at, String method, String path, String user, int status) {

    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    public boolean isWrite() {
        return WRITE_METHODS.contains(method);
    }

    /** Asking the API server what one may do is a POST, but it changes nothing. */
    public boolean isPermissionReview() {
        return "POST".equals(method) && (path.startsWith("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                || path.startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                || path.startsWith("/apis/authentication.k8s.io/v1/selfsubjectreviews"));
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status + " (" + user + ")";
    }
}
