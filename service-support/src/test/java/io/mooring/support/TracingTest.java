package io.mooring.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.CloudEventHeaders;
import io.mooring.events.EventType;
import io.mooring.events.Modes;
import io.mooring.events.Topics;
import io.mooring.events.payload.ClusterHealthChanged;
import io.mooring.events.payload.ClusterImported;
import io.mooring.support.messaging.IdempotentConsumer;
import io.mooring.support.outbox.Outbox;
import io.mooring.support.testapp.ImportedCounter;
import io.mooring.testsupport.ConnectorContext;
import io.mooring.testsupport.Tokens;
import io.mooring.testsupport.TopicReader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With tracing on, a state change's HTTP request, the outbox event it wrote and each consumer's handling of that
 * event are one trace: the relay sends the trace context as the CloudEvents tracing extension and the consumer
 * continues it, into the events its handler writes too.
 */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
class TracingTest {

    /** The SDK on, spans only to the in-memory exporter (no OTLP exporter is built, so none tries to connect). */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.exporter.otlp.enabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    private static final AttributeKey<String> SUBJECT = AttributeKey.stringKey("cloudevents.event_subject");
    private static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("messaging.consumer.group.name");

    private static TopicReader lifecycle;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    IdempotentConsumer consumer;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    @BeforeAll
    static void readLifecycle() {
        lifecycle = TopicReader.of(Topics.CLUSTER_LIFECYCLE);
    }

    @AfterAll
    static void close() {
        lifecycle.close();
    }

    @Test
    void theRelayedEventCarriesTheRequestsTraceAndTheConsumerContinuesIt() {
        UUID cluster = UUID.randomUUID();
        given().auth().oauth2(Tokens.shared().operator("test")).contentType("application/json")
                .body(Map.of("clusterId", cluster.toString(), "name", "traced", "seq", 0))
                .post("/api/v1/widgets").then().statusCode(200);

        ConsumerRecord<String, String> record = lifecycle.awaitOne(cluster.toString(),
                EventType.CLUSTER_IMPORTED.type());
        String traceParent = TopicReader.header(record, "ce_traceparent");
        assertThat(traceParent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");

        SpanData created = awaitSpan(s -> s.getKind() == SpanKind.PRODUCER
                && cluster.toString().equals(s.getAttributes().get(SUBJECT)));
        SpanData request = awaitSpan(s -> s.getSpanId().equals(created.getParentSpanId()));
        SpanData handled = awaitSpan(s -> s.getKind() == SpanKind.CONSUMER
                && cluster.toString().equals(s.getAttributes().get(SUBJECT)));

        assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(request.getName()).isEqualTo("POST /api/v1/widgets");
        assertThat(created.getName()).isEqualTo("create " + Topics.CLUSTER_LIFECYCLE);
        assertThat(traceParent).isEqualTo("00-" + created.getTraceId() + "-" + created.getSpanId() + "-01");
        assertThat(handled.getName()).isEqualTo("process " + Topics.CLUSTER_LIFECYCLE);
        assertThat(handled.getAttributes().get(CONSUMER)).isEqualTo(ImportedCounter.NAME);
        assertThat(handled.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(handled.getParentSpanId()).isEqualTo(created.getSpanId());
        assertThat(handled.getParentSpanContext().isRemote()).isTrue();
        // Quarkus's own Kafka instrumentation is off: every consumer span is one IdempotentConsumer started.
        assertThat(spans.getFinishedSpanItems()).filteredOn(s -> s.getKind() == SpanKind.CONSUMER)
                .allSatisfy(s -> assertThat(s.getAttributes().get(CONSUMER)).isNotNull());
    }

    @Test
    void anEventAHandlerWritesContinuesTheTraceOfTheRecordItHandles() throws Exception {
        consumer.register("trace-chain", event -> outbox.add(new ClusterHealthChanged(event.clusterId(), "test",
                "Unknown", "Healthy", "Connected", List.of(), Instant.now())));
        UUID cluster = UUID.randomUUID();
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String producerSpanId = "b7ad6b7169203331";
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.CLUSTER_LIFECYCLE, 0, 0,
                cluster.toString(), json.writeValueAsString(new ClusterImported(cluster, "test", "chain", "generic",
                        Modes.READ_ONLY, Map.of(), "test", Instant.now())));
        header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
        header(record, CloudEventHeaders.TYPE, EventType.CLUSTER_IMPORTED.type());
        header(record, CloudEventHeaders.SUBJECT, cluster.toString());
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.TRACE_PARENT, "00-" + traceId + "-" + producerSpanId + "-01");

        ConnectorContext.run(vertx, () -> consumer.handle("trace-chain", record));

        SpanData handling = awaitSpan(s -> s.getKind() == SpanKind.CONSUMER && traceId.equals(s.getTraceId()));
        SpanData created = awaitSpan(s -> s.getKind() == SpanKind.PRODUCER && traceId.equals(s.getTraceId()));
        assertThat(handling.getParentSpanId()).isEqualTo(producerSpanId);
        assertThat(handling.getAttributes().get(CONSUMER)).isEqualTo("trace-chain");
        assertThat(created.getName()).isEqualTo("create " + Topics.CLUSTER_HEALTH);
        assertThat(created.getParentSpanId()).isEqualTo(handling.getSpanId());
    }

    private static void header(ConsumerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private SpanData awaitSpan(Predicate<SpanData> wanted) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(wanted).findFirst(), Optional::isPresent).orElseThrow();
    }
}
