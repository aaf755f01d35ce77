package io.mooring.cost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.support.api.ProblemException;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void csvWhenAskedForOrPreferred() {
        assertThat(Formats.wantsCsv(null, null)).isFalse();
        assertThat(Formats.wantsCsv(null, "*/*")).isFalse();
        assertThat(Formats.wantsCsv(null, "application/json")).isFalse();
        assertThat(Formats.wantsCsv(null, "text/csv")).isTrue();
        assertThat(Formats.wantsCsv(null, "text/csv, application/json;q=0.5")).isTrue();
        assertThat(Formats.wantsCsv(null, "text/csv;q=0.4, application/json")).isFalse();
        assertThat(Formats.wantsCsv(null, "text/csv, */*;q=0.1")).isTrue();
        assertThat(Formats.wantsCsv("csv", "application/json")).isTrue();
        assertThat(Formats.wantsCsv("JSON", "text/csv")).isFalse();
        assertThatThrownBy(() -> Formats.wantsCsv("xml", null)).isInstanceOf(ProblemException.class);
    }

    @Test
    void fieldsAreQuotedWhenNeededAndFormulasDefused() {
        assertThat(Formats.field("team-a")).isEqualTo("team-a");
        assertThat(Formats.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Formats.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Formats.field("=cmd()")).isEqualTo("'=cmd()");
        assertThat(Formats.field(null)).isEmpty();
    }

    @Test
    void aLeadingTabOrCarriageReturnIsDefusedLikeAFormula() {
        assertThat(Formats.field("\t=cmd()")).isEqualTo("'\t=cmd()");
        assertThat(Formats.field("\r=cmd()")).isEqualTo("\"'\r=cmd()\"");
        assertThat(Formats.field("+1")).isEqualTo("'+1");
        assertThat(Formats.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }
}
