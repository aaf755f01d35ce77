package io.mooring.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/** A table column: its heading and how a cell is taken from a row's JSON. */
public record Column(String heading, Function<JsonNode, String> cell) {

    /** A column showing the property at a JSON pointer ({@code /status}, {@code /pendingMigration/mode}). */
    public static Column of(String heading, String pointer) {
        return new Column(heading, row -> Table.text(row.at(pointer)));
    }
}
