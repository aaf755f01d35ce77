package io.mooring.addon.service;

import io.mooring.support.api.ProblemException;
import java.time.Duration;

/**
 * Every render worker is busy and the queue is full (or every Helm thread is still held by an overdue rendering):
 * answered 503 with {@code Retry-After}, since the same request may well succeed a little later.
 */
public class RenderBusyException extends ProblemException {

    /** How long a client should wait before trying again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    public RenderBusyException(String message) {
        super(503, "render-busy", "Rendering capacity exhausted", message);
        retryAfter(RETRY_AFTER);
    }
}
