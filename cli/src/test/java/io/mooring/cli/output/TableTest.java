package io.mooring.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {

    private static final List<Column> COLUMNS = List.of(Column.of("name", "/name"), Column.of("status", "/status"),
            Column.of("labels", "/labels"));

    @Test
    void columnsArePaddedToTheWidestCellWithUpperCaseHeadingsAndADashForWhatIsAbsent() throws Exception {
        JsonNode rows = Printer.JSON.readTree("""
                [{"name":"prod-eu","status":"Running","labels":{"env":"prod","tier":"web"}},
                 {"name":"a","labels":{}}]""");

        assertThat(Table.render(COLUMNS, rows)).isEqualTo("""
                NAME      STATUS    LABELS
                prod-eu   Running   env=prod,tier=web
                a         -         -
                """);
    }

    @Test
    void detailsAreAlignedKeyValueLinesAndNewlinesInAValueStayOnOneLine() {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("Name", "x");
        fields.put("Message", "two\nlines");

        assertThat(Table.details(fields)).isEqualTo("Name:      x\nMessage:   two lines\n");
    }

    @Test
    void jsonAndYamlPrintTheApiRepresentationAndCsvIsRefusedOutsideCost() {
        StringWriter json = new StringWriter();
        new Printer(Format.JSON, new PrintWriter(json)).list(List.of(Map.of("name", "a")), COLUMNS);
        StringWriter yaml = new StringWriter();
        new Printer(Format.YAML, new PrintWriter(yaml)).one(Map.of("name", "a"), t -> "");

        assertThat(json.toString()).contains("\"name\" : \"a\"").startsWith("[");
        assertThat(yaml.toString()).isEqualTo("name: a\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Printer(Format.CSV, new PrintWriter(new StringWriter()))
                .one(Map.of(), t -> "")).hasMessageContaining("-o csv is not available here");
    }
}
