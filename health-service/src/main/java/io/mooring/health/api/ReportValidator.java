package io.mooring.health.api;

import io.mooring.events.KubernetesNames;
import io.mooring.events.Modes;
import io.mooring.events.agent.ClusterEvent;
import io.mooring.events.agent.EventBatch;
import io.mooring.events.agent.Heartbeat;
import io.mooring.events.agent.InventoryReport;
import io.mooring.events.inventory.AllocationTable;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Node;
import io.mooring.health.config.HealthConfig;
import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks agent reports before anything is stored; every invalid field is named (up to
 * {@value #MAX_ERRORS}), so a broken agent can be fixed from one answer. Over-long free text (event messages)
 * is cut rather than refused: losing the tail of a message beats losing the event.
 *
 * <p>Times that order what is stored (an inventory's observedAt, an event's firstSeen and lastSeen) may be at
 * most {@code mooring.health.max-clock-skew} ahead of this service's clock: one inventory from years ahead would
 * make every later one "not newer" here and in cost-service, and an event from the future would sit on top of
 * the log and outlive its retention. Refused here, such a report never reaches the event stream. A heartbeat's
 * sentAt orders nothing (connectivity uses the time a heartbeat arrives) and is not checked.
 */
@ApplicationScoped
public class ReportValidator {

    static final int MAX_ERRORS = 20;
    static final int MAX_MESSAGE = 4096;
    static final int MAX_SOURCE = 256;
    static final int MAX_NODES = 10_000;
    static final int MAX_LIST = 200_000;

    private final HealthConfig config;
    private final Clock clock;

    public ReportValidator(HealthConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public Heartbeat heartbeat(Heartbeat hb) {
        Errors errors = new Errors();
        if (hb == null) {
            throw errors.add("body", "a heartbeat is required").problem();
        }
        errors.require("reportId", hb.reportId());
        errors.text("agentVersion", hb.agentVersion(), 100, false);
        if (hb.permissions() != null && !Modes.READ_ONLY.equals(hb.permissions())
                && !Modes.FULL_PERMISSION.equals(hb.permissions())) {
            errors.add("permissions", "must be " + Modes.READ_ONLY + " or " + Modes.FULL_PERMISSION);
        }
        errors.throwIfAny();
        return hb;
    }

    public InventoryReport inventory(InventoryReport report) {
        Errors errors = new Errors();
        if (report == null) {
            throw errors.add("body", "an inventory report is required").problem();
        }
        errors.require("reportId", report.reportId());
        errors.require("observedAt", report.observedAt());
        errors.notAhead("observedAt", report.observedAt(), clock.instant(), config.maxClockSkew());
        errors.require("inventory", report.inventory());
        Inventory inv = report.inventory();
        if (inv != null) {
            errors.text("inventory.kubernetesVersion", inv.kubernetesVersion(), 64, false);
            errors.text("inventory.detectedProvider", inv.detectedProvider(), 64, false);
            errors.text("inventory.detectedPlatform", inv.detectedPlatform(), 64, false);
            errors.size("inventory.nodes", inv.nodes(), MAX_NODES);
            errors.size("inventory.namespaces", inv.namespaces(), MAX_LIST);
            errors.size("inventory.workloads", inv.workloads(), MAX_LIST);
            AllocationTable table = inv.allocationTable();
            if (table != null) {
                errors.size("inventory.allocationTable.nodes", table.nodes(), MAX_NODES);
                errors.size("inventory.allocationTable.owners", table.owners(), MAX_LIST);
                errors.size("inventory.allocationTable.rows", table.rows(), MAX_LIST);
                if (errors.room()) {
                    table.problems().forEach(problem -> errors.add("inventory.allocationTable", problem));
                }
            }
            errors.size("inventory.problemPods", inv.problemPods(), MAX_LIST);
            errors.size("inventory.volumes", inv.volumes(), MAX_LIST);
            if (inv.nodes() != null) {
                for (int i = 0; i < inv.nodes().size() && errors.room(); i++) {
                    Node node = inv.nodes().get(i);
                    if (node == null) {
                        errors.add("inventory.nodes[" + i + "]", "must not be null");
                    } else {
                        errors.text("inventory.nodes[" + i + "].name", node.name(), 253, true);
                    }
                }
            }
        }
        errors.throwIfAny();
        return report;
    }

    /** The batch with over-long messages and sources cut to size. */
    public EventBatch events(EventBatch batch) {
        Errors errors = new Errors();
        if (batch == null) {
            throw errors.add("body", "an event batch is required").problem();
        }
        errors.require("reportId", batch.reportId());
        errors.require("events", batch.events());
        if (batch.dropped() < 0) {
            errors.add("dropped", "must not be negative");
        }
        int max = config.events().maxBatchSize();
        if (batch.events() != null && batch.events().size() > max) {
            errors.add("events", "must hold at most " + max + " events; send several batches");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        Duration skew = config.maxClockSkew();
        List<ClusterEvent> cleaned = new ArrayList<>(batch.events().size());
        for (int i = 0; i < batch.events().size(); i++) {
            ClusterEvent e = batch.events().get(i);
            // Field names are built only for an error: most batches are valid, and a name per field per event
            // showed in the flight recording of bin/bench's ingestion part.
            if (e == null) {
                errors.add(event(i, null), "must not be null");
                continue;
            }
            if (!"Normal".equals(e.type()) && !"Warning".equals(e.type())) {
                errors.add(event(i, "type"), "must be Normal or Warning");
            }
            errors.eventText(i, "reason", e.reason(), 128, true);
            errors.eventText(i, "uid", e.uid(), 128, false);
            if (e.namespace() != null && !e.namespace().isEmpty()
                    && !KubernetesNames.isDnsLabel(e.namespace())) {
                errors.add(event(i, "namespace"), "must be a namespace name (lower-case letters, digits and '-', at most 63)");
            }
            if (e.objectKind() == null || e.objectKind().length() > 63 || !kind(e.objectKind())) {
                errors.add(event(i, "objectKind"), "must be a Kubernetes kind such as Pod or Deployment");
            }
            errors.eventText(i, "objectName", e.objectName(), 253, true);
            if (e.count() < 0) {
                errors.add(event(i, "count"), "must not be negative");
            }
            if (e.firstSeen() != null && e.lastSeen() != null && e.lastSeen().isBefore(e.firstSeen())) {
                errors.add(event(i, "lastSeen"), "must not be before firstSeen");
            }
            errors.eventNotAhead(i, "firstSeen", e.firstSeen(), now, skew);
            errors.eventNotAhead(i, "lastSeen", e.lastSeen(), now, skew);
            cleaned.add(new ClusterEvent(e.uid(), e.type(), e.reason(), cut(e.message(), MAX_MESSAGE), e.namespace(),
                    e.objectKind(), e.objectName(), cut(e.source(), MAX_SOURCE), e.count(), e.firstSeen(), e.lastSeen()));
            if (!errors.room()) {
                break;
            }
        }
        errors.throwIfAny();
        return new EventBatch(batch.reportId(), cleaned, batch.dropped());
    }

    private static String event(int index, String field) {
        return "events[" + index + "]" + (field == null ? "" : "." + field);
    }

    /** A Kubernetes kind: an ASCII letter, then ASCII letters and digits (what {@code [A-Za-z][A-Za-z0-9]*} says). */
    private static boolean kind(String value) {
        if (value.isEmpty() || !asciiLetter(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!asciiLetter(c) && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** A control character as {@code \p{Cntrl}} means it: U+0000 to U+001F and U+007F. */
    private static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** What is wrong with a text field, or null when nothing is. */
    private static String textProblem(String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            return required ? "is required" : null;
        }
        return value.length() > max || hasControl(value) ? "must be at most " + max + " printable characters" : null;
    }

    /** What is wrong with a time that orders what is stored, or null when nothing is. */
    private static String aheadProblem(Instant value, Instant now, Duration skew) {
        if (value == null || !value.isAfter(now.plus(skew))) {
            return null;
        }
        return "is " + value + ", ahead of the server time " + now + " by more than the allowed clock skew of "
                + skew.toString().substring(2).toLowerCase() + "; check the clocks of the cluster and its agent";
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static final class Errors {
        private final List<Problem.FieldError> list = new ArrayList<>();

        Errors add(String field, String message) {
            if (list.size() < MAX_ERRORS) {
                list.add(new Problem.FieldError(field, message));
            }
            return this;
        }

        boolean room() {
            return list.size() < MAX_ERRORS;
        }

        void require(String field, Object value) {
            if (value == null) {
                add(field, "is required");
            }
        }

        void text(String field, String value, int max, boolean required) {
            addIf(field, textProblem(value, max, required));
        }

        /** {@link #text} for a field of the batch's event {@code index}, whose name is built only for an error. */
        void eventText(int index, String field, String value, int max, boolean required) {
            addForEvent(index, field, textProblem(value, max, required));
        }

        void notAhead(String field, Instant value, Instant now, Duration skew) {
            addIf(field, aheadProblem(value, now, skew));
        }

        void eventNotAhead(int index, String field, Instant value, Instant now, Duration skew) {
            addForEvent(index, field, aheadProblem(value, now, skew));
        }

        private void addForEvent(int index, String field, String problem) {
            if (problem != null) {
                add(event(index, field), problem);
            }
        }

        private void addIf(String field, String problem) {
            if (problem != null) {
                add(field, problem);
            }
        }

        void size(String field, List<?> value, int max) {
            if (value != null && value.size() > max) {
                add(field, "must hold at most " + max + " items");
            }
        }

        void throwIfAny() {
            if (!list.isEmpty()) {
                throw problem();
            }
        }

        ProblemException problem() {
            return new ProblemException(400, "invalid-request", "Invalid request", "The report is not valid.", list);
        }
    }
}
