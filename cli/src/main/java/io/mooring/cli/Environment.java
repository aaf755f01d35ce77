package io.mooring.cli;

import io.mooring.cli.auth.OidcClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What a run of the CLI takes from outside its arguments: environment variables, the clock, how it waits, and
 * whether a person watches the terminal (progress is animated only then). Tests pass their own.
 */
public record Environment(Map<String, String> variables, Clock clock, OidcClient.Sleeper sleeper,
        boolean interactive, Duration pollInterval) {

    public static Environment system() {
        return new Environment(System.getenv(), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
                System.console() != null, Duration.ofSeconds(2));
    }

    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
