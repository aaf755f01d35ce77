package io.mooring.notification.service;

import io.mooring.notification.domain.MessageFormat;
import io.mooring.notification.domain.WebhookSignature;
import io.mooring.notification.repository.DeliveryRepository;
import io.mooring.notification.repository.EndpointRecord;
import io.mooring.notification.repository.EndpointRepository;
import io.mooring.support.api.ProblemException;
import io.mooring.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Webhook endpoints of a project, their delivery log and redelivery. */
@ApplicationScoped
public class EndpointService {

    /** How long, at most and by default, a rotated-out secret keeps signing beside the new one. */
    public static final Duration MAX_GRACE = Duration.ofHours(24);

    private final EndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final WebhookTargets targets;
    private final Clock clock;

    public EndpointService(EndpointRepository endpoints, DeliveryRepository deliveries, WebhookTargets targets,
            Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.targets = targets;
        this.clock = clock;
    }

    /** Checks the URL against the host policy off the event loop (DNS), then creates the endpoint. */
    public Uni<EndpointView> create(String project, String name, String url, String format, Caller caller) {
        caller.requireMember(project);
        MessageFormat messageFormat = format == null ? MessageFormat.CLOUDEVENTS : MessageFormat.fromWire(format);
        // Back on the request's context after the lookup: the reactive session lives there.
        Context context = Vertx.currentContext();
        return Uni.createFrom().item(() -> targets.refusal(url))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> context.runOnContext(v -> task.run()))
                .flatMap(refusal -> {
                    if (refusal != null) {
                        throw ProblemException.invalid("url", refusal);
                    }
                    return Panache.withTransaction(() -> store(project, name, url, messageFormat, caller));
                });
    }

    private Uni<EndpointView> store(String project, String name, String url, MessageFormat format, Caller caller) {
        return endpoints.count("project = ?1 and name = ?2", project, name).flatMap(existing -> {
            if (existing > 0) {
                throw ProblemException.conflict("A webhook named '" + name + "' already exists in project '"
                        + project + "'.");
            }
            EndpointRecord endpoint = new EndpointRecord();
            endpoint.id = UUID.randomUUID();
            endpoint.project = project;
            endpoint.name = name;
            endpoint.url = url;
            endpoint.format = format.wire();
            endpoint.secret = WebhookSignature.newSecret();
            endpoint.enabled = true;
            endpoint.createdBy = caller.name();
            endpoint.createdAt = clock.instant();
            return endpoints.persist(endpoint).map(stored -> view(stored, true, endpoint.createdAt));
        });
    }

    @WithSession
    public Uni<List<EndpointView>> list(String project, Caller caller) {
        if (project != null) {
            if (!caller.canSee(project)) {
                return Uni.createFrom().item(List.of());
            }
            return endpoints.inProjects(List.of(project), false).map(found -> found.stream()
                    .map(e -> view(e, false, clock.instant())).toList());
        }
        return endpoints.inProjects(caller.projects(), caller.isAdmin())
                .map(found -> found.stream().map(e -> view(e, false, clock.instant())).toList());
    }

    @WithSession
    public Uni<EndpointView> get(UUID id, Caller caller) {
        return visible(id, caller).map(e -> view(e, false, clock.instant()));
    }

    @WithTransaction
    public Uni<Void> delete(UUID id, Caller caller) {
        return visible(id, caller).flatMap(endpoint -> {
            caller.requireMember(endpoint.project);
            return endpoints.delete(endpoint);
        });
    }

    /**
     * Disables an endpoint on request (a receiver under maintenance), as a run of failures would: alerts raised
     * meanwhile are not queued for it and its pending deliveries wait for enable. Disabling it again keeps the
     * first reason and time.
     */
    @WithTransaction
    public Uni<EndpointView> disable(UUID id, Caller caller) {
        return visible(id, caller).map(endpoint -> {
            caller.requireMember(endpoint.project);
            if (endpoint.enabled) {
                endpoint.enabled = false;
                endpoint.disabledAt = clock.instant();
                endpoint.disabledReason = "Disabled by " + caller.name();
            }
            return view(endpoint, false, clock.instant());
        });
    }

    /** Enables a disabled endpoint again; its run of failures starts from zero. */
    @WithTransaction
    public Uni<EndpointView> enable(UUID id, Caller caller) {
        return visible(id, caller).map(endpoint -> {
            caller.requireMember(endpoint.project);
            endpoint.enabled = true;
            endpoint.disabledAt = null;
            endpoint.disabledReason = null;
            endpoint.consecutiveFailures = 0;
            return view(endpoint, false, clock.instant());
        });
    }

    /**
     * Gives the endpoint a new secret, shown in this answer only. For {@code grace} the secret it replaces keeps
     * signing deliveries beside the new one, so a receiver can switch over without refusing any; zero drops it at
     * once. A rotation during another's grace period ends that one: only the secret replaced now keeps signing.
     */
    @WithTransaction
    public Uni<EndpointView> rotateSecret(UUID id, String gracePeriod, Caller caller) {
        Duration grace = grace(gracePeriod);
        return visible(id, caller).map(endpoint -> {
            caller.requireMember(endpoint.project);
            Instant now = clock.instant();
            if (grace.isZero()) {
                endpoint.previousSecret = null;
                endpoint.previousSecretExpiresAt = null;
            } else {
                endpoint.previousSecret = endpoint.secret;
                // Whole seconds: the answer says the time the database keeps (microseconds), and reads as people write it.
                endpoint.previousSecretExpiresAt = now.plus(grace).truncatedTo(ChronoUnit.SECONDS);
            }
            endpoint.secret = WebhookSignature.newSecret();
            return view(endpoint, true, now);
        });
    }

    @WithSession
    public Uni<List<DeliveryView>> deliveries(UUID id, Long before, int limit, Caller caller) {
        return visible(id, caller).flatMap(endpoint -> deliveries.log(endpoint.id, before, limit))
                .map(entries -> entries.stream().map(EndpointService::view).toList());
    }

    @WithSession
    public Uni<DeliveryView> redeliver(UUID id, long deliveryId, Caller caller) {
        return visible(id, caller).flatMap(endpoint -> {
            caller.requireMember(endpoint.project);
            return deliveries.redeliver(endpoint.id, deliveryId, clock.instant());
        }).map(entry -> {
            if (entry == null) {
                throw ProblemException.notFound("Delivery not found");
            }
            return view(entry);
        });
    }

    private Uni<EndpointRecord> visible(UUID id, Caller caller) {
        return endpoints.findById(id).map(endpoint -> {
            if (endpoint == null) {
                throw ProblemException.notFound("Webhook not found");
            }
            caller.requireVisible(endpoint.project, "Webhook");
            return endpoint;
        });
    }

    /** The grace period a rotation asks for: at most the default, which is what a rotation gets by not asking. */
    static Duration grace(String value) {
        return Durations.bounded("gracePeriod", value, MAX_GRACE, MAX_GRACE, "PT24H", "PT1H");
    }

    static EndpointView view(EndpointRecord e, boolean withSecret, Instant now) {
        Instant previousExpires = e.previousSecretExpiresAt != null && now.isBefore(e.previousSecretExpiresAt)
                ? e.previousSecretExpiresAt
                : null;
        return new EndpointView(e.id, e.project, e.name, e.url, e.format, e.enabled, e.disabledReason, e.disabledAt,
                e.consecutiveFailures, e.createdBy, e.createdAt, withSecret ? e.secret : null, previousExpires);
    }

    static DeliveryView view(DeliveryRepository.Entry d) {
        return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.ruleId(), d.status(), d.attempts(),
                d.redeliveries(), d.nextAttemptAt(), d.lastAttemptAt(), d.lastStatusCode(), d.lastError(),
                d.latencyMs(), d.createdAt(), d.deliveredAt());
    }
}
