package io.mooring.support.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A client that accepts {@code application/problem+json} is served by every JSON operation, as one that accepts
 * {@code application/json} at the lowest preference. A generated client asks for the problem alone on an operation
 * that answers 204, since the problem is the only body it declares; Quarkus REST matches that against the
 * resource's {@code @Produces(application/json)} before the operation runs, and refused with 406 although a 204
 * has no body to negotiate and its errors are problems anyway (issue #14). Widening the header before the
 * match fixes every such operation of every service at once; a problem+json reader reads JSON, so no client is
 * answered something it cannot read (RFC 9110 section 12.5.1 lets a server disregard Accept rather than 406).
 */
public class ProblemJsonAccept {

    static final String JSON_LAST = MediaType.APPLICATION_JSON + ";q=0.001";
    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;
    private static final MediaType PROBLEM = MediaType.valueOf(Problem.MEDIA_TYPE);

    @ServerRequestFilter(preMatching = true)
    public void acceptJsonWithProblems(ContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        String widened = widened(accept);
        if (widened != null) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, widened);
        }
    }

    /**
     * The Accept header with JSON added last, or null to leave it as it is: it does not accept problem+json, it
     * accepts JSON already (directly or by a wildcard), or it cannot be read (Quarkus REST then says so).
     */
    static String widened(List<String> accept) {
        if (accept == null || accept.isEmpty()) {
            return null;
        }
        // Every request passes here, agents' reports included: most never name problem+json, so skip the parse.
        if (accept.stream().noneMatch(value -> value.toLowerCase(Locale.ROOT).contains("problem+json"))) {
            return null;
        }
        boolean problem = false;
        for (String value : accept) {
            for (String range : value.split(",")) {
                if (range.isBlank()) {
                    continue;
                }
                MediaType type;
                try {
                    type = MediaType.valueOf(range.trim());
                } catch (IllegalArgumentException e) {
                    return null;
                }
                if (refused(type)) {
                    continue;
                }
                if (type.isCompatible(JSON)) {
                    return null;
                }
                problem |= PROBLEM.getType().equalsIgnoreCase(type.getType())
                        && PROBLEM.getSubtype().equalsIgnoreCase(type.getSubtype());
            }
        }
        if (!problem) {
            return null;
        }
        List<String> all = new ArrayList<>();
        for (String value : accept) {
            all.add(value.trim());
        }
        return String.join(", ", all) + ", " + JSON_LAST;
    }

    /** {@code q=0} means "not acceptable" (RFC 9110 section 12.4.2). */
    private static boolean refused(MediaType type) {
        String q = type.getParameters().get("q");
        if (q == null) {
            return false;
        }
        try {
            return Double.parseDouble(q) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
