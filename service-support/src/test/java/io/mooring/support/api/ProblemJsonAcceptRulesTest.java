package io.mooring.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When the Accept header gains JSON: problem+json accepted, JSON not (the HTTP side: ProblemJsonAcceptTest). */
class ProblemJsonAcceptRulesTest {

    @Test
    void theHeaderIsWidenedOnlyWhenProblemsAreAcceptedAndJsonIsNot() {
        assertThat(ProblemJsonAccept.widened(List.of("application/problem+json")))
                .isEqualTo("application/problem+json, application/json;q=0.001");
        assertThat(ProblemJsonAccept.widened(List.of("text/csv", "application/problem+json;q=0.5")))
                .isEqualTo("text/csv, application/problem+json;q=0.5, application/json;q=0.001");
        assertThat(ProblemJsonAccept.widened(List.of("application/json, application/problem+json")))
                .isNull();
        assertThat(ProblemJsonAccept.widened(List.of("*/*"))).isNull();
        assertThat(ProblemJsonAccept.widened(List.of("application/problem+json;q=0"))).isNull();
        assertThat(ProblemJsonAccept.widened(List.of("application/xml"))).isNull();
        assertThat(ProblemJsonAccept.widened(null)).isNull();
    }
}
