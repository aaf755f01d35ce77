package io.mooring.support.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.support.messaging.KafkaConnection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether a Kafka broker answers, in the health group {@code broker} ({@code /q/health/group/broker}) and as the
 * gauge {@code mooring_broker_available} (1 or 0, refreshed every {@code mooring.broker.check-interval}).
 *
 * <p>Deliberately not a readiness check: every API call works while the broker is away (events wait in the
 * outbox, consumers resume where they stopped), so a broker outage must not take every replica out of its
 * Kubernetes Service. Alert on the gauge instead. Quarkus's own Kafka check waits for the admin client's default
 * minute; this one gives up after a few seconds and never blocks a thread while it waits.
 */
@HealthGroup(BrokerHealth.GROUP)
@ApplicationScoped
public class BrokerHealth implements AsyncHealthCheck {

    public static final String GROUP = "broker";
    private static final String NAME = "Kafka";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String bootstrapServers;
    private final KafkaConnection connection;
    private final AtomicInteger available = new AtomicInteger();
    private Admin admin;

    public BrokerHealth(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            KafkaConnection connection, MeterRegistry metrics) {
        this.bootstrapServers = bootstrapServers;
        this.connection = connection;
        Gauge.builder("mooring.broker.available", available, AtomicInteger::get)
                .description("1 while a Kafka broker answers, 0 while none does (the API keeps working)")
                .register(metrics);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().<Integer>emitter(emitter -> admin()
                        .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                        .nodes()
                        .whenComplete((nodes, failure) -> {
                            if (failure != null) {
                                emitter.fail(failure);
                            } else {
                                emitter.complete(nodes.size());
                            }
                        }))
                .ifNoItem().after(TIMEOUT.plusSeconds(1)).fail()
                .map(nodes -> HealthCheckResponse.named(NAME).status(nodes > 0)
                        .withData("bootstrap.servers", bootstrapServers).withData("nodes", nodes).build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("bootstrap.servers", bootstrapServers)
                        .withData("reason", String.valueOf(e.getMessage())).build())
                .invoke(response -> available.set(response.getStatus() == HealthCheckResponse.Status.UP ? 1 : 0));
    }

    /** Keeps the gauge current when nobody asks for the health group. */
    @Scheduled(every = "${mooring.broker.check-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return call().replaceWithVoid();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(connection.with(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                    AdminClientConfig.CLIENT_ID_CONFIG, "broker-health")));
        }
        return admin;
    }

    void close(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
        }
    }
}
