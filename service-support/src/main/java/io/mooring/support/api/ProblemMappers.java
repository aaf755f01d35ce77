package io.mooring.support.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.netty.channel.ConnectTimeoutException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem: bad input is a 400 that names the fields, refusals keep
 * their status, and an unexpected fault is a 500 that carries an error id for the logs but never a stack
 * trace. Shared by every service so they all answer alike.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** How long a caller should wait before retrying while the database is unreachable. */
    static final Duration DATABASE_RETRY = Duration.ofSeconds(5);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(e.toProblem());
        e.retryAfterSeconds().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return respond(new Problem(Problem.TYPE_BASE + "invalid-request", "Invalid request", 400,
                "The request is not valid.", errors));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return badBody("The body is not well-formed JSON: " + e.getOriginalMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e) {
        String expected = e.getTargetType() != null && e.getTargetType().isEnum()
                ? "must be one of " + Arrays.toString(e.getTargetType().getEnumConstants())
                : "must be a valid " + simpleType(e.getTargetType());
        return badBody("A field has a value of the wrong kind.",
                List.of(new Problem.FieldError(pathOf(e), expected)));
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            return badBody("The body must be a JSON object of the documented shape.", List.of());
        }
        return badBody("A field has a value of the wrong kind.",
                List.of(new Problem.FieldError(pathOf(e), "must be a " + simpleType(e.getTargetType()))));
    }

    @ServerExceptionMapper
    public Response refusedValue(ValueInstantiationException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ProblemException problem) {
            return problem(problem);
        }
        return badBody("The body could not be read: " + cause.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unreadable(JsonMappingException e) {
        return badBody("The body could not be read: " + e.getOriginalMessage(),
                e.getPath().isEmpty() ? List.of() : List.of(new Problem.FieldError(pathOf(e), e.getOriginalMessage())));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return badBody("The body could not be read: " + e.getOriginalMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        LOG.debugf("Authentication failed: %s", e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403,
                "Your role does not allow this operation.", List.of()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        // Quarkus REST wraps some body-reading failures; answer them as if they had reached us directly.
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse);
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return mismatch instanceof InvalidFormatException format ? wrongValue(format) : wrongShape(mismatch);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unreadable(mapping);
        }
        if (status >= 500) {
            return unexpected(e);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : "Error";
        String detail = switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "None of the accepted media types can be produced.";
            case 415 -> "This media type is not accepted here; send application/json.";
            case 400 -> "The request could not be read.";
            default -> e.getMessage();
        };
        Response.ResponseBuilder response = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + slug(title), title, status, detail, List.of()));
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            response.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isDatabaseUnavailable(e)) {
            return unavailable(e);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s", errorId);
        return respond(new Problem(Problem.TYPE_BASE + "internal-error", "Internal error", 500,
                "Something went wrong on our side. Quote error id " + errorId + " when reporting it.", List.of()));
    }

    /**
     * The database (or another dependency the service connects to) cannot be reached: a 503 the caller may
     * retry, not a 500. The pool reconnects by itself once the server is back, so a short wait is enough.
     */
    private Response unavailable(Throwable e) {
        LOG.warnf("Answering 503, a dependency is unreachable: %s", rootMessage(e));
        return problem(new ProblemException(503, "service-unavailable", "Service unavailable",
                "The service cannot reach its database just now; retry in a few seconds.").retryAfter(DATABASE_RETRY));
    }

    /**
     * Whether a failure, anywhere in its cause chain, says the database cannot be reached: the connection is
     * refused, cut or timed out, the pool cannot hand out a connection in time, or PostgreSQL itself says so
     * (SQLSTATE class 08, connection exception; class 53, insufficient resources, among them 53300 "too many
     * clients", which a burst of replicas meets; 57P01-57P03, the server shutting down or not yet accepting
     * connections). A constraint violation or a bad query is none of these and stays what it is.
     */
    static boolean isDatabaseUnavailable(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof ClosedChannelException
                    || t instanceof ConnectTimeoutException
                    || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof DatabaseException db && isUnavailableState(db.getSqlState())) {
                return true;
            }
            if (t instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
                return true;
            }
            // Vert.x reports these without a class of their own: a connection cut under a query, and the
            // pool's waits for a connection (connection-timeout and the queue's own timeout).
            if (t instanceof VertxException || t instanceof NoStackTraceThrowable) {
                String message = t.getMessage();
                if ("Connection was closed".equals(message) || "Timeout waiting for connection".equals(message)
                        || ("Timeout".equals(message) && t instanceof NoStackTraceThrowable)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isUnavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.equals("57P01")
                || sqlState.equals("57P02") || sqlState.equals("57P03"));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Response badBody(String detail, List<Problem.FieldError> errors) {
        return respond(new Problem(Problem.TYPE_BASE + "invalid-request", "Invalid request", 400, detail, errors));
    }

    private static Response unauthorized() {
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new Problem(Problem.TYPE_BASE + "unauthorized", "Unauthorized", 401,
                        "A valid bearer token is required.", List.of()))
                .build();
    }

    /** The JSON path of a body error, e.g. {@code labels.team} or {@code layers[2].namespace}. */
    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /**
     * The field of a violation as the caller sees it: the body property path for a request body, the
     * parameter's own name for a query or path parameter.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> properties = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                String name = node.getName();
                if (name == null || name.startsWith("<")) {
                    name = node.getKey() != null ? String.valueOf(node.getKey()) : null;
                }
                if (node.getIndex() != null && !properties.isEmpty()) {
                    int last = properties.size() - 1;
                    properties.set(last, properties.get(last) + "[" + node.getIndex() + "]");
                }
                if (name != null) {
                    properties.add(name);
                }
            }
        }
        if (!properties.isEmpty()) {
            return String.join(".", properties);
        }
        return parameter != null ? parameter : "body";
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == String.class) {
            return "string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == UUID.class) {
            return "UUID";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return "JSON object";
    }

    private static String slug(String title) {
        return Arrays.stream(title.toLowerCase().split("[^a-z0-9]+")).filter(s -> !s.isEmpty())
                .collect(Collectors.joining("-"));
    }
}
