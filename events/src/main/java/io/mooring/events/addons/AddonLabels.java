package io.mooring.events.addons;

/**
 * Labels on every object of a {@link DesiredLayer} (addon-service adds them when rendering), and the field
 * manager the agent applies with. An object is Mooring's to prune only while it carries all three labels and
 * they name the profile and layer being pruned, and only if Mooring created it (no {@link #ADOPTED} mark).
 */
public final class AddonLabels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "mooring";
    /** The add-on profile's name. */
    public static final String PROFILE = "mooring.io/profile";
    /** The layer's name within the profile. */
    public static final String LAYER = "mooring.io/layer";
    /**
     * Annotation the agent puts on an object that existed before a layer (with {@code adoptExisting}) took it
     * over. Mooring did not create such an object, so it never deletes it: when no layer holds it any more it is
     * released (this annotation and the three labels removed) instead.
     */
    public static final String ADOPTED = "mooring.io/adopted";
    /** Field manager for server-side apply. */
    public static final String FIELD_MANAGER = "mooring-agent";

    private AddonLabels() {
    }
}
