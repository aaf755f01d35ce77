package io.mooring.support.tracing;

import io.mooring.events.CloudEventHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.common.vertx.VertxContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries a trace across the outbox and Kafka. Writing an event opens a short producer span ({@code create
 * <topic>}, a child of whatever the service is doing: an HTTP request, a consumer's handling) whose W3C context is
 * stored with the outbox row and sent as the CloudEvents distributed-tracing extension ({@code ce_traceparent},
 * {@code ce_tracestate}). A consumer handles the record in a span that is a child of that producer span, so a
 * change and everything it sets off in other services are one trace. See docs/architecture.md, "Tracing".
 *
 * <p>While the OpenTelemetry SDK is off (no OTLP endpoint configured, see {@link TracingSwitch}) this does
 * nothing: no span, no trace context written, nothing exported.
 */
@ApplicationScoped
public class EventTracing {

    /** The extension is W3C trace context whatever propagators the service configures for HTTP. */
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    /** CloudEvents attributes travel as headers with this prefix (binary mode of the Kafka binding). */
    private static final String PREFIX = "ce_";

    // Messaging and CloudEvents semantic conventions.
    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    static final AttributeKey<String> EVENT_SUBJECT = AttributeKey.stringKey("cloudevents.event_subject");

    private static final TextMapGetter<Headers> CLOUD_EVENT_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return W3C.fields();
        }

        @Override
        public String get(Headers headers, String key) {
            // The extension's attributes travel as ce_-prefixed headers, like every CloudEvents attribute.
            return header(headers, PREFIX + key);
        }
    };

    private final boolean enabled;
    private final Tracer tracer;

    /**
     * With the SDK off Quarkus still hands out a tracer that makes (unexported) spans: checking the switch here
     * keeps the outbox and the consumers from doing any tracing work at all then.
     */
    public EventTracing(OpenTelemetry openTelemetry,
            @ConfigProperty(name = TracingSwitch.SDK_DISABLED, defaultValue = "true") boolean sdkDisabled) {
        this.enabled = !sdkDisabled;
        this.tracer = openTelemetry.getTracer("io.mooring.support");
    }

    /**
     * Records that an event is being written to the outbox now and returns the trace context to send with it:
     * that of a producer span, a child of the current span (or the root of a new trace where there is none).
     */
    public TraceContext eventCreated(String topic, UUID id, String type, String subject) {
        if (!enabled) {
            return TraceContext.NONE;
        }
        Span span = tracer.spanBuilder("create " + topic).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(OPERATION, "create")
                .setAttribute(DESTINATION, topic)
                .setAttribute(EVENT_ID, id.toString())
                .setAttribute(EVENT_TYPE, type)
                .setAttribute(EVENT_SUBJECT, subject)
                .startSpan();
        try {
            if (!span.getSpanContext().isValid()) {
                return TraceContext.NONE;
            }
            Map<String, String> carrier = new HashMap<>(2);
            W3C.inject(Context.current().with(span), carrier, Map::put);
            return new TraceContext(carrier.get("traceparent"), carrier.get("tracestate"));
        } finally {
            span.end();
        }
    }

    /**
     * Starts the span a consumer handles a record in: a child of the event's producer span when the record carries
     * one (one record, one handling: the trace reads on from the change that caused it), the root of a new trace
     * otherwise.
     */
    public Span startHandling(String consumer, ConsumerRecord<String, String> record) {
        if (!enabled) {
            return Span.getInvalid();
        }
        return consumerSpan("process", consumer, record)
                .setParent(W3C.extract(Context.root(), record.headers(), CLOUD_EVENT_HEADERS))
                .startSpan();
    }

    /**
     * Starts the span an admin's replay of a dead letter runs in: a child of the current span (the replay request,
     * which caused this handling) with a link to the event's producer span (which caused the event).
     */
    public Span startReplay(String consumer, ConsumerRecord<String, String> record) {
        if (!enabled) {
            return Span.getInvalid();
        }
        SpanBuilder builder = consumerSpan("replay", consumer, record);
        SpanContext created = Span.fromContext(W3C.extract(Context.root(), record.headers(), CLOUD_EVENT_HEADERS))
                .getSpanContext();
        if (created.isValid()) {
            builder.addLink(created);
        }
        return builder.startSpan();
    }

    /**
     * Makes the span current for the rest of a record's handling, so an event its handler writes continues the
     * trace. It is kept on the record's own (duplicated) Vert.x context, where every try and continuation of the
     * handler runs; where there is no such context nothing is attached, as a thread-local scope could not be
     * closed from the thread the handling ends on.
     */
    public Scope makeCurrent(Span span) {
        return enabled && VertxContext.isOnDuplicatedContext() ? span.makeCurrent() : Scope.noop();
    }

    private SpanBuilder consumerSpan(String operation, String consumer, ConsumerRecord<String, String> record) {
        SpanBuilder builder = tracer.spanBuilder(operation + " " + record.topic()).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(OPERATION, operation)
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(CONSUMER_GROUP, consumer)
                .setAttribute(PARTITION, String.valueOf(record.partition()))
                .setAttribute(OFFSET, record.offset());
        if (record.key() != null) {
            builder.setAttribute(KEY, record.key());
        }
        attribute(builder, EVENT_ID, header(record.headers(), CloudEventHeaders.ID));
        attribute(builder, EVENT_TYPE, header(record.headers(), CloudEventHeaders.TYPE));
        attribute(builder, EVENT_SUBJECT, header(record.headers(), CloudEventHeaders.SUBJECT));
        return builder;
    }

    private static void attribute(SpanBuilder builder, AttributeKey<String> key, String value) {
        if (value != null) {
            builder.setAttribute(key, value);
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
