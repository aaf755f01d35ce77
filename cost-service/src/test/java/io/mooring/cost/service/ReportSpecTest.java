package io.mooring.cost.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportSpecTest {

    private static final Instant NOW = Instant.parse("2026-03-10T14:25:00Z");

    private static ReportSpec parse(String window, String from, String to, String aggregate, String step) {
        return ReportSpec.parse(window, from, to, aggregate, step, Aggregate.NAMESPACE, 366, NOW);
    }

    private static Problem refused(String window, String from, String to, String aggregate, String step) {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> parse(window, from, to, aggregate, step));
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        return e.toProblem();
    }

    @Test
    void hourWindowsEndWithTheCurrentHour() {
        ReportSpec spec = parse("24h", null, null, null, null);
        assertThat(spec.to()).isEqualTo(Instant.parse("2026-03-10T15:00:00Z"));
        assertThat(spec.from()).isEqualTo(Instant.parse("2026-03-09T15:00:00Z"));
        assertThat(spec.window()).isEqualTo("24h");
        assertThat(spec.aggregate()).isEqualTo(Aggregate.NAMESPACE);
        assertThat(spec.step()).isNull();
    }

    @Test
    void dayWindowsAreWholeDaysEndingWithToday() {
        ReportSpec week = parse("7d", null, null, "node", "day");
        assertThat(week.from()).isEqualTo(Instant.parse("2026-03-04T00:00:00Z"));
        assertThat(week.to()).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
        ReportSpec month = parse("30d", null, null, null, null);
        assertThat(month.to()).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(month.from()).isEqualTo(Instant.parse("2026-02-09T00:00:00Z"));
        assertThat(parse(null, null, null, null, null).window()).isEqualTo("7d");
        assertThat(week.step()).isEqualTo(Step.DAY);
        assertThat(week.aggregate()).isEqualTo(Aggregate.NODE);
    }

    @Test
    void fromAndToAreWidenedToWholeHours() {
        ReportSpec spec = parse(null, "2026-03-01T10:15:00Z", "2026-03-01T12:00:01+01:00", "label:app.kubernetes.io/name",
                "hour");
        assertThat(spec.from()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(spec.to()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(spec.window()).isNull();
        assertThat(spec.aggregate()).isEqualTo(Aggregate.LABEL);
        assertThat(spec.labelKey()).isEqualTo("app.kubernetes.io/name");

        ReportSpec dates = parse(null, "2026-03-01", "2026-03-03", "workload", null);
        assertThat(dates.from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(dates.to()).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));

        ReportSpec open = parse(null, "2026-03-10T00:00:00Z", null, null, null);
        assertThat(open.to()).isEqualTo(Instant.parse("2026-03-10T15:00:00Z"));
    }

    @Test
    void everyBadParameterIsNamed() {
        assertThat(refused("3w", null, null, null, null).errors()).extracting(Problem.FieldError::field)
                .containsExactly("window");
        assertThat(refused("7d", "2026-03-01", null, null, null).errors()).extracting(Problem.FieldError::field)
                .containsExactly("window");
        assertThat(refused(null, "2026-03-02", "2026-03-01", null, null).errors()).extracting(Problem.FieldError::field)
                .containsExactly("from");
        assertThat(refused(null, null, "2026-03-01", null, null).errors()).extracting(Problem.FieldError::field)
                .containsExactly("from");
        assertThat(refused(null, "2025-01-01", "2026-03-01", null, null).errors().get(0).message())
                .contains("366 days");
        assertThat(refused("367d", null, null, null, null).errors()).extracting(Problem.FieldError::field)
                .containsExactly("window");
        assertThat(refused("24h", null, null, "pods", "minute").errors()).extracting(Problem.FieldError::field)
                .containsExactly("aggregate", "step");
        assertThat(refused(null, null, null, "label:-bad-", null).errors()).extracting(Problem.FieldError::field)
                .containsExactly("aggregate");
        assertThat(refused(null, "03/01/2026", "2026-03-02", null, null).errors()).extracting(Problem.FieldError::field)
                .containsExactly("from");
    }
}
