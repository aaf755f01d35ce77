package io.mooring.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plain-text tables in the style of kubectl: upper-case headings, columns padded, no borders. */
public final class Table {

    /** What an absent or null value shows as, so every column stays aligned and visibly empty. */
    public static final String NONE = "-";
    private static final String GAP = "   ";

    private Table() {
    }

    public static String render(List<Column> columns, Iterable<JsonNode> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(c -> c.heading().toUpperCase()).toArray(String[]::new));
        for (JsonNode row : rows) {
            lines.add(columns.stream().map(c -> oneLine(c.cell().apply(row))).toArray(String[]::new));
        }
        return align(lines);
    }

    /** A single object as "KEY   value" lines. */
    public static String details(Map<String, String> fields) {
        List<String[]> lines = new ArrayList<>();
        fields.forEach((k, v) -> lines.add(new String[] {k + ":", oneLine(v)}));
        return align(lines);
    }

    static String align(List<String[]> lines) {
        int columns = lines.stream().mapToInt(l -> l.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                row.append(line[i]);
                if (i < line.length - 1) {
                    row.append(" ".repeat(widths[i] - line[i].length())).append(GAP);
                }
            }
            out.append(row.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** A cell's text: scalars as they are, objects as {@code k=v,...}, arrays comma-separated, absent as "-". */
    public static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return NONE;
        }
        if (node.isObject()) {
            if (node.isEmpty()) {
                return NONE;
            }
            List<String> pairs = new ArrayList<>();
            node.fields().forEachRemaining(e -> pairs.add(e.getKey() + "=" + text(e.getValue())));
            return String.join(",", pairs);
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                return NONE;
            }
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(text(item)));
            return String.join(",", items);
        }
        String text = node.asText();
        return text.isEmpty() ? NONE : text;
    }

    private static String oneLine(String value) {
        return value == null ? NONE : value.replace('\n', ' ').replace('\r', ' ');
    }
}
