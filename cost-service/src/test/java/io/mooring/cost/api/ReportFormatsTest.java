package io.mooring.cost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.support.api.ProblemException;
import org.junit.jupiter.api.Test;

class ReportFormatsTest {

    @Test
    void csvWhenAskedForOrPreferred() {
        assertThat(ReportFormats.wantsCsv(null, null)).isFalse();
        assertThat(ReportFormats.wantsCsv(null, "*/*")).isFalse();
        assertThat(ReportFormats.wantsCsv(null, "application/json")).isFalse();
        assertThat(ReportFormats.wantsCsv(null, "text/csv")).isTrue();
        assertThat(ReportFormats.wantsCsv(null, "text/csv, application/json;q=0.5")).isTrue();
        assertThat(ReportFormats.wantsCsv(null, "text/csv;q=0.4, application/json")).isFalse();
        assertThat(ReportFormats.wantsCsv(null, "text/csv, */*;q=0.1")).isTrue();
        assertThat(ReportFormats.wantsCsv("csv", "application/json")).isTrue();
        assertThat(ReportFormats.wantsCsv("JSON", "text/csv")).isFalse();
        assertThatThrownBy(() -> ReportFormats.wantsCsv("xml", null)).isInstanceOf(ProblemException.class);
    }

    @Test
    void fieldsAreQuotedWhenNeededAndFormulasDefused() {
        assertThat(ReportFormats.field("team-a")).isEqualTo("team-a");
        assertThat(ReportFormats.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReportFormats.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportFormats.field("=cmd()")).isEqualTo("'=cmd()");
        assertThat(ReportFormats.field(null)).isEmpty();
    }

    @Test
    void aLeadingTabOrCarriageReturnIsDefusedLikeAFormula() {
        assertThat(ReportFormats.field("\t=cmd()")).isEqualTo("'\t=cmd()");
        assertThat(ReportFormats.field("\r=cmd()")).isEqualTo("\"'\r=cmd()\"");
        assertThat(ReportFormats.field("+1")).isEqualTo("'+1");
        assertThat(ReportFormats.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }
}
