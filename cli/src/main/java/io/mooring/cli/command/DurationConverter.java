package io.mooring.cli.command;

import java.time.Duration;
import picocli.CommandLine;

/** Durations as people write them: {@code 0}, {@code 90s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT10M}). */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase();
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        if (v.startsWith("pt") || v.startsWith("p")) {
            return Duration.parse(value.trim().toUpperCase());
        }
        if (v.matches("\\d+(ms|s|m|h)")) {
            long n = Long.parseLong(v.replaceAll("\\D", ""));
            return switch (v.replaceAll("\\d", "")) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: use e.g. 90s, 5m or 1h");
    }
}
