package io.mooring.agent.platform;

import java.time.Duration;
import java.util.Optional;

/**
 * A platform call that did not succeed. {@link Kind#UNREACHABLE} and {@link Kind#UNAVAILABLE} are worth retrying
 * with backoff; the others are answers.
 */
public final class PlatformException extends RuntimeException {

    public enum Kind {
        /** No answer: connection refused, reset, timed out. */
        UNREACHABLE,
        /** 5xx, 429, 408: the platform is there but cannot take it now. */
        UNAVAILABLE,
        /** 401: the token (or refresh secret) is not accepted. */
        UNAUTHORIZED,
        /** 403: this agent may not do that (a deleted cluster's agent is refused by the report services). */
        FORBIDDEN,
        /** 404: unknown import token or cluster. */
        NOT_FOUND,
        /** 410: the import token is spent or expired, or the cluster was deleted. */
        GONE,
        /** 413: the body is larger than the platform takes. */
        TOO_LARGE,
        /** Any other 4xx: the request itself was refused; sending it again changes nothing. */
        REJECTED
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public PlatformException(Kind kind, int status, String message, Throwable cause) {
        this(kind, status, message, cause, null);
    }

    /** {@code retryAfter}: how long the platform asked to be left alone (429 or 503 with Retry-After), or null. */
    public PlatformException(Kind kind, int status, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The wait the platform asked for before this call is made again, already capped to a sane maximum. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** Worth trying again later. */
    public boolean retryable() {
        return kind == Kind.UNREACHABLE || kind == Kind.UNAVAILABLE;
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 401 -> Kind.UNAUTHORIZED;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 410 -> Kind.GONE;
            case 413 -> Kind.TOO_LARGE;
            case 408, 425, 429 -> Kind.UNAVAILABLE;
            default -> status >= 500 ? Kind.UNAVAILABLE : Kind.REJECTED;
        };
    }
}
