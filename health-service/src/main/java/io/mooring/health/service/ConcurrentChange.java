package io.mooring.health.service;

/**
 * Another instance changed the row a compare-and-set was computed from; the whole transaction is rolled back
 * and retried from a fresh read.
 */
public final class ConcurrentChange extends RuntimeException {

    /** Attempts before giving up: each retry follows a real change by someone else, so few are ever needed. */
    public static final int RETRIES = 8;

    public ConcurrentChange(String what) {
        super(what, null, false, false);
    }
}
