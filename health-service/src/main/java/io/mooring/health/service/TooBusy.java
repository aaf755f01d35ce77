package io.mooring.health.service;

import io.mooring.support.api.ProblemException;
import java.time.Duration;

/**
 * A request refused for now because a bounded resource is full (the event write queue, a caller's live
 * streams): answered 429 with {@code Retry-After}, so the caller waits instead of piling up work here.
 */
public class TooBusy extends ProblemException {

    public TooBusy(String detail, Duration retryAfter) {
        super(429, "too-many-requests", "Too many requests", detail);
        retryAfter(retryAfter);
    }
}
