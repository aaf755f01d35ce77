package io.mooring.cost.repository;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mooring.cost.domain.CostLine;
import io.mooring.cost.domain.LineKind;
import io.mooring.cost.domain.ResourceHours;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cost lines of one inventory, or of a batch's, as one JSON array, the single parameter of the statement that
 * writes them and their roll-ups ({@code jsonb_to_recordset} on the server): one round trip, whatever the number
 * of lines. Besides the line's own columns each element carries its cluster, project and observation time and the
 * keys it rolls up under.
 */
public final class LineBatch {

    /** Namespace, workload and label reports show idle node capacity under this name. */
    public static final String IDLE = "__idle__";
    /** Node reports show volumes, which belong to no node, under this name. */
    public static final String STORAGE = "__storage__";
    /** Label reports show what lacks the label under this name. */
    public static final String UNALLOCATED = "__unallocated__";
    /** The workload kind volumes are reported under in workload reports. */
    public static final String CLAIM_KIND = "PersistentVolumeClaim";

    private static final JsonFactory JSON = new JsonFactory();

    private LineBatch() {
    }

    /** The lines of one inventory or many: each element names its cluster, project and observation time. */
    public static String toJson(List<InventoryLines> inventories) {
        int size = 0;
        for (InventoryLines inventory : inventories) {
            size += inventory.lines().size();
        }
        StringWriter out = new StringWriter(size * 700);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (InventoryLines inventory : inventories) {
                String cluster = inventory.clusterId().toString();
                String observed = inventory.observedAt().toString();
                for (CostLine line : inventory.lines()) {
                    json.writeStartObject();
                    json.writeStringField("cl", cluster);
                    json.writeStringField("prj", inventory.project());
                    json.writeStringField("obs", observed);
                    write(json, line);
                }
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The new lines of one accrued inventory. */
    public record InventoryLines(UUID clusterId, String project, Instant observedAt, List<CostLine> lines) {
    }

    /** A line's own fields and its roll-up keys, into the element its caller opened. */
    private static void write(JsonGenerator json, CostLine line) throws IOException {
        json.writeStringField("id", line.id().toString());
        json.writeStringField("hour", line.hourStart().toString());
        json.writeStringField("day", line.hourStart().truncatedTo(ChronoUnit.DAYS).toString());
        json.writeStringField("ps", micros(line.periodStart()));
        json.writeStringField("pe", micros(line.periodEnd()));
        json.writeStringField("kind", line.kind().name());
        json.writeStringField("node", line.node());
        json.writeStringField("ns", line.namespace());
        json.writeStringField("wk", line.workloadKind());
        json.writeStringField("wn", line.workloadName());
        json.writeStringField("vol", line.volume());
        json.writeStringField("sc", line.storageClass());
        json.writeNumberField("pods", line.pods());
        json.writeStringField("cur", line.currency());
        number(json, "cpu", line.cpuCost());
        number(json, "mem", line.memoryCost());
        number(json, "gpu", line.gpuCost());
        number(json, "sto", line.storageCost());
        number(json, "tot", line.totalCost());
        number(json, "idle", line.kind() == LineKind.IDLE ? line.totalCost() : BigDecimal.ZERO);
        number(json, "used", line.usedCost());
        ResourceHours allocated = line.allocated();
        number(json, "cch", allocated.cpuCoreHours());
        number(json, "mgh", allocated.memoryGibHours());
        number(json, "gh", allocated.gpuHours());
        number(json, "sgh", allocated.storageGibHours());
        if (line.requested() != null) {
            number(json, "rcch", line.requested().cpuCoreHours());
            number(json, "rmgh", line.requested().memoryGibHours());
        }
        if (line.used() != null) {
            number(json, "ucch", line.used().cpuCoreHours());
            number(json, "umgh", line.used().memoryGibHours());
        }
        // The keys of the roll-ups.
        switch (line.kind()) {
            case IDLE -> {
                json.writeStringField("r_ns", IDLE);
                json.writeStringField("r_node", line.node());
                json.writeStringField("r_wns", IDLE);
                json.writeStringField("r_wk", "");
                json.writeStringField("r_wn", "");
            }
            case STORAGE -> {
                json.writeStringField("r_ns", line.namespace());
                json.writeStringField("r_node", STORAGE);
                json.writeStringField("r_wns", line.namespace());
                json.writeStringField("r_wk", CLAIM_KIND);
                json.writeStringField("r_wn", line.volume());
            }
            case ALLOCATION -> {
                json.writeStringField("r_ns", line.namespace());
                json.writeStringField("r_node", line.node());
                json.writeStringField("r_wns", line.namespace());
                json.writeStringField("r_wk", line.workloadKind());
                json.writeStringField("r_wn", line.workloadName());
            }
        }
        json.writeObjectFieldStart("labels");
        if (line.kind() != LineKind.IDLE) {
            for (Map.Entry<String, String> label : line.labels().entrySet()) {
                json.writeStringField(label.getKey(), label.getValue());
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void number(JsonGenerator json, String field, BigDecimal value) throws IOException {
        json.writeFieldName(field);
        json.writeNumber(value.toPlainString());
    }

    /** PostgreSQL keeps microseconds: a line's period is stored as it will read back. */
    private static String micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
