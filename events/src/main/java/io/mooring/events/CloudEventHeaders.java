package io.mooring.events;

/**
 * Kafka header names of the CloudEvents Kafka protocol binding, binary content mode:
 * the attributes travel as {@code ce_}-prefixed headers, the record value is the JSON data.
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    /**
     * The CloudEvents distributed-tracing extension: the W3C trace context of the event's creation, so consumers
     * continue the trace of the change that produced it. Absent when the producer was not tracing.
     */
    public static final String TRACE_PARENT = "ce_traceparent";
    public static final String TRACE_STATE = "ce_tracestate";
    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
