package io.mooring.addon.service;

/**
 * Every render worker is busy and the queue is full (or every Helm thread is still held by an overdue rendering):
 * answered 503 with {@code Retry-After}, since the same request may well succeed a little later.
 */
public class RenderBusyException extends RuntimeException {

    /** Seconds a client should wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public RenderBusyException(String message) {
        super(message);
    }
}
