package io.mooring.cost.api;

import io.mooring.cost.service.Aggregate;
import io.mooring.cost.service.CostReport;
import io.mooring.cost.service.ReportService;
import io.mooring.support.api.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** JSON or CSV for reports: {@code format=csv|json} if given, else the Accept header's preference. */
final class ReportFormats {

    static final String CSV = "text/csv";
    private static final List<String> MEASURE_COLUMNS = List.of("currency", "cpu_cost", "memory_cost", "gpu_cost",
            "storage_cost", "idle_cost", "total_cost", "used_cost", "efficiency", "cpu_core_hours", "memory_gib_hours",
            "gpu_hours", "storage_gib_hours");

    private ReportFormats() {
    }

    static boolean wantsCsv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.invalid("format", "must be json or csv");
            };
        }
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double csv = 0;
        double json = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.trim().split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            switch (type) {
                case "text/csv" -> csv = Math.max(csv, q);
                case "text/*" -> csv = Math.max(csv, q * 0.99);
                case "application/json", "application/*", "*/*" -> json = Math.max(json, q);
                default -> {
                }
            }
        }
        return csv > json;
    }

    static Response respond(CostReport report, Aggregate aggregate, boolean csv) {
        if (!csv) {
            return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(toCsv(report, aggregate), CSV + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"cost.csv\"")
                .build();
    }

    /** RFC 4180: a header line, then one line per row; fields quoted when they need it. */
    static String toCsv(CostReport report, Aggregate aggregate) {
        List<String> properties = ReportService.PROPERTIES.get(aggregate);
        StringBuilder out = new StringBuilder();
        out.append("start,end,name");
        for (String property : properties) {
            out.append(',').append(snake(property));
        }
        for (String column : MEASURE_COLUMNS) {
            out.append(',').append(column);
        }
        out.append("\r\n");
        for (CostReport.Row row : report.rows()) {
            out.append(row.start()).append(',').append(row.end()).append(',').append(field(row.name()));
            Map<String, String> values = row.properties();
            for (String property : properties) {
                out.append(',').append(field(values.get(property)));
            }
            out.append(',').append(field(row.currency()));
            for (BigDecimal value : List.of(row.cpuCost(), row.memoryCost(), row.gpuCost(), row.storageCost(),
                    row.idleCost(), row.totalCost(), row.usedCost())) {
                out.append(',').append(value.toPlainString());
            }
            out.append(',').append(row.efficiency() == null ? "" : row.efficiency().toPlainString());
            for (BigDecimal value : List.of(row.cpuCoreHours(), row.memoryGibHours(), row.gpuHours(),
                    row.storageGibHours())) {
                out.append(',').append(value.toPlainString());
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        // Neutralise spreadsheet formulas (OWASP's list: a leading tab or carriage return also starts one in some
        // spreadsheets), then quote what CSV needs quoted.
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
