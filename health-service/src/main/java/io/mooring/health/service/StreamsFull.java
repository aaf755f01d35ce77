package io.mooring.health.service;

import io.mooring.support.api.ProblemException;
import java.time.Duration;

/**
 * A live stream refused because this instance holds as many as it may, whoever holds them: answered 503 with
 * {@code Retry-After}, as the caller did nothing wrong and another instance (or this one, a little later) can
 * take the stream.
 */
public class StreamsFull extends ProblemException {

    public StreamsFull(int max, Duration retryAfter) {
        super(503, "service-unavailable", "Service unavailable",
                "This instance holds " + max + " live event streams already; retry shortly.");
        retryAfter(retryAfter);
    }
}
