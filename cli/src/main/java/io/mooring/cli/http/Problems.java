package io.mooring.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import io.mooring.client.ApiException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

/**
 * Turns an error answer (RFC 9457 problem+json, as every Mooring service answers) into one readable message and
 * the exit code of its status. A body that is not a problem (a proxy's HTML page, say) is shown shortened.
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RAW_BODY = 300;

    private Problems() {
    }

    public static CliException fromApi(ApiException e) {
        if (e.getCode() == 0) {
            return unreachable(e.getCause() != null ? e.getCause() : e);
        }
        return fromResponse(e.getCode(), e.getResponseBody());
    }

    public static CliException fromResponse(int status, String body) {
        return new CliException(ExitCodes.forStatus(status), describe(status, body));
    }

    /** The server did not answer at all: retrying may help, so it is "unavailable". */
    public static CliException unreachable(Throwable cause) {
        String why = cause instanceof ConnectException ? "connection refused"
                : cause instanceof HttpTimeoutException ? "timed out"
                : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new CliException(ExitCodes.UNAVAILABLE, "could not reach the server: " + why, cause);
    }

    static String describe(int status, String body) {
        JsonNode problem = parse(body);
        if (problem == null || !problem.has("title")) {
            String raw = body == null ? "" : body.strip();
            if (raw.length() > MAX_RAW_BODY) {
                raw = raw.substring(0, MAX_RAW_BODY) + "...";
            }
            return "HTTP " + status + (raw.isEmpty() ? "" : ": " + raw);
        }
        StringBuilder out = new StringBuilder(problem.path("title").asText()).append(" (").append(status).append(')');
        if (problem.hasNonNull("detail")) {
            out.append(": ").append(problem.path("detail").asText());
        }
        for (JsonNode error : problem.path("errors")) {
            out.append(System.lineSeparator()).append("  ").append(error.path("field").asText("?")).append(": ")
                    .append(error.path("message").asText());
        }
        return out.toString();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
