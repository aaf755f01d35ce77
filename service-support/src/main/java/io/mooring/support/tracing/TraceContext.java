package io.mooring.support.tracing;

/**
 * The W3C trace context an event carries as the CloudEvents distributed-tracing extension ({@code traceparent},
 * {@code tracestate}); both null when the event was written outside any trace.
 */
public record TraceContext(String traceParent, String traceState) {

    public static final TraceContext NONE = new TraceContext(null, null);
}
