package io.mooring.health.domain;

import io.mooring.events.payload.ClusterHealthChanged;
import java.util.Objects;

/** The result of one named check; the message says what is wrong in words an operator can act on. */
public record CheckResult(String name, CheckStatus status, String message) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        message = Messages.cap(message);
    }

    public static CheckResult pass(String name, String message) {
        return new CheckResult(name, CheckStatus.PASS, message);
    }

    public static CheckResult warn(String name, String message) {
        return new CheckResult(name, CheckStatus.WARN, message);
    }

    public static CheckResult fail(String name, String message) {
        return new CheckResult(name, CheckStatus.FAIL, message);
    }

    public boolean passed() {
        return status == CheckStatus.PASS;
    }

    public ClusterHealthChanged.CheckResult toPayload() {
        return new ClusterHealthChanged.CheckResult(name, status.wireName(), message);
    }
}
