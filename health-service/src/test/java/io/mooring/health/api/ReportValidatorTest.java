package io.mooring.health.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mooring.events.agent.ClusterEvent;
import io.mooring.events.agent.EventBatch;
import io.mooring.health.config.HealthConfig;
import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportValidatorTest {

    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

    private final ReportValidator validator = new ReportValidator(config(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aValidBatchPassesWithItsEvents() {
        EventBatch batch = batch(event("BackOff", "Pod", "cart-7"), event("Scheduled", "Deployment2", "web"));

        assertThat(validator.events(batch).events()).hasSize(2);
    }

    @Test
    void controlCharactersInAReasonOrNameAreRefusedByField() {
        EventBatch batch = batch(event("Back\u0000Off", "Pod", "cart-7"), event("BackOff", "Pod", "cart\u007f7"),
                event("BackOff", "Pod", "caf\u00e9-\u00e0-la-carte"));

        assertThat(fields(batch)).containsExactly("events[0].reason", "events[1].objectName");
    }

    @Test
    void aKindIsAnAsciiLetterThenLettersAndDigits() {
        EventBatch batch = batch(event("BackOff", "2Pod", "a"), event("BackOff", "Pod-x", "a"),
                event("BackOff", "P\u00f6d", "a"), event("BackOff", "", "a"), event("BackOff", "Pod2", "a"));

        assertThat(fields(batch)).containsExactly("events[0].objectKind", "events[1].objectKind",
                "events[2].objectKind", "events[3].objectKind");
    }

    @Test
    void aMissingEventAndMissingRequiredTextAreNamed() {
        EventBatch batch = batch(event(" ", "Pod", "a"), null, event("BackOff", "Pod", null));

        assertThat(fields(batch)).containsExactly("events[0].reason", "events[1]", "events[2].objectName");
    }

    @Test
    void eventsFromBeyondTheAllowedSkewAreRefusedByField() {
        Instant ahead = NOW.plus(Duration.ofMinutes(6));
        ClusterEvent fine = event("BackOff", "Pod", "a");
        ClusterEvent fromTheFuture = new ClusterEvent("uid", "Warning", "BackOff", "m", "shop", "Pod", "a", "kubelet", 1,
                NOW, ahead);

        assertThat(fields(batch(fine, fromTheFuture))).containsExactly("events[1].lastSeen");
    }

    private List<String> fields(EventBatch batch) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> validator.events(batch));
        assertThat(problem).as("the batch is refused").isNotNull();
        return problem.toProblem().errors().stream().map(Problem.FieldError::field).toList();
    }

    private static EventBatch batch(ClusterEvent... events) {
        return new EventBatch(UUID.randomUUID(), new ArrayList<>(Arrays.asList(events)), 0);
    }

    private static ClusterEvent event(String reason, String kind, String name) {
        return new ClusterEvent("uid-1", "Warning", reason, "message", "shop", kind, name, "kubelet", 1, NOW, NOW);
    }

    /** The two settings the validator reads, as the service's defaults have them. */
    private static HealthConfig config() {
        HealthConfig.Events events = (HealthConfig.Events) Proxy.newProxyInstance(ReportValidatorTest.class.getClassLoader(),
                new Class<?>[] {HealthConfig.Events.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "maxBatchSize" -> 1000;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (HealthConfig) Proxy.newProxyInstance(ReportValidatorTest.class.getClassLoader(),
                new Class<?>[] {HealthConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "maxClockSkew" -> Duration.ofMinutes(5);
                    case "events" -> events;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
