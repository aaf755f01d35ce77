package io.mooring.registry.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mooring.events.WireValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The orders a cluster list can take. Each is a keyset order ending in the id, so that a page's last cluster says
 * where the next page starts however many clusters share the sort key (names repeat across projects, creation
 * times can coincide). A cursor belongs to one order: its scope names the order, so a cursor of one order given
 * with another is refused rather than silently skipping or repeating clusters.
 */
public enum ClusterSort implements WireValue {
    CREATED_AT("createdAt", "createdAt", false),
    CREATED_AT_DESCENDING("-createdAt", "createdAt", true),
    NAME("name", "name", false),
    NAME_DESCENDING("-name", "name", true);

    /** The scope of the cursors of the default order: the one cursors had before there was a choice. */
    static final String DEFAULT_SCOPE = "clusters";

    private final String wire;
    private final String field;
    private final boolean descending;

    ClusterSort(String wire, String field, boolean descending) {
        this.wire = wire;
        this.field = field;
        this.descending = descending;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    /** The entity field sorted on (JPQL). */
    public String field() {
        return field;
    }

    public boolean descending() {
        return descending;
    }

    /** The JPQL order by clause: the key, then the id, both in this order's direction. */
    public String orderBy(String alias) {
        String direction = descending ? " desc" : "";
        return alias + "." + field + direction + ", " + alias + ".id" + direction;
    }

    /** The JPQL condition for the rows after the position, with parameters {@code :afterKey} and {@code :afterId}. */
    public String after(String alias) {
        String beyond = descending ? " < " : " > ";
        return "(" + alias + "." + field + beyond + ":afterKey or (" + alias + "." + field + " = :afterKey and "
                + alias + ".id" + beyond + ":afterId))";
    }

    /** The cursor scope; the default order keeps the scope its cursors always had, so they stay valid. */
    public String cursorScope() {
        return this == CREATED_AT ? DEFAULT_SCOPE : DEFAULT_SCOPE + ":" + wire;
    }

    /** The sort key of a cluster as a cursor carries it. */
    public String keyOf(Cluster cluster) {
        return field.equals("name") ? cluster.name : cluster.createdAt.toString();
    }

    /**
     * The position a cursor's parts name, with the key typed as the query binds it.
     *
     * @throws IllegalArgumentException when the parts are not a key and an id of this order
     */
    public PagePosition position(String key, String id) {
        try {
            Object typed = field.equals("name") ? key : Instant.parse(key);
            return new PagePosition(typed, UUID.fromString(id));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an instant: " + key, e);
        }
    }
}
