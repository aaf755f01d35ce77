package io.mooring.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The requests the simulated API server answered, bounded so that a simulator left running for days does not
 * grow: the last {@value #MAX_REQUESTS} requests, and up to {@value #MAX_WRITES} writes (which a read-only
 * test wants all of).
 */
final class RequestLog {

    static final int MAX_REQUESTS = 10_000;
    static final int MAX_WRITES = 100_000;

    private final Deque<ApiRequest> requests = new ArrayDeque<>();
    private final List<ApiRequest> writes = new ArrayList<>();

    synchronized void record(ApiRequest request) {
        if (requests.size() == MAX_REQUESTS) {
            requests.removeFirst();
        }
        requests.addLast(request);
        if (request.isWrite() && writes.size() < MAX_WRITES) {
            writes.add(request);
        }
    }

    synchronized List<ApiRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized List<ApiRequest> writes() {
        return List.copyOf(writes);
    }

    synchronized void clear() {
        requests.clear();
        writes.clear();
    }
}
