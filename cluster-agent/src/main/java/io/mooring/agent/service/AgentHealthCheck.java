package io.mooring.agent.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the agent reports to the platform (or has stopped for good, which is not a fault to restart for);
 * the data shows what it is doing. Liveness stays Quarkus's own: a platform outage must not restart the agent,
 * or it would lose its buffered events.
 */
@Readiness
@ApplicationScoped
public class AgentHealthCheck implements HealthCheck {

    private final AgentApplication application;

    public AgentHealthCheck(AgentApplication application) {
        this.application = application;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("mooring-agent");
        var agent = application.agent();
        if (agent.isEmpty()) {
            return response.up().withData("phase", "disabled").build();
        }
        AgentSnapshot s = agent.get().snapshot();
        response.status(s.phase() == Agent.Phase.RUNNING || s.phase() == Agent.Phase.STOPPED)
                .withData("phase", s.phase().name());
        if (s.clusterId() != null) {
            response.withData("clusterId", s.clusterId().toString());
        }
        if (s.permissions() != null) {
            response.withData("permissions", s.permissions());
        }
        if (s.detectedProvider() != null) {
            response.withData("provider", s.detectedProvider() + "/" + s.detectedPlatform());
        }
        response.withData("eventsBuffered", s.eventsBuffered()).withData("eventsDropped", s.eventsDropped());
        if (s.reRegistrations() > 0) {
            // Re-registering more than once hints at a second copy of the agent in the same cluster.
            response.withData("reRegistrations", s.reRegistrations());
        }
        if (s.stopReason() != null) {
            response.withData("stopReason", s.stopReason());
        }
        if (!s.failingLoops().isEmpty()) {
            response.withData("failing", String.join("; ", s.failingLoops()));
        }
        return response.build();
    }
}
