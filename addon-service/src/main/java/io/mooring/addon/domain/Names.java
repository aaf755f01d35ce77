package io.mooring.addon.domain;

/**
 * How long the names of add-on objects may be. Their syntax is the DNS-1123 label rule every service shares
 * ({@link io.mooring.events.KubernetesNames}); only these bounds are add-on-specific.
 */
public final class Names {

    /** Profile names are label values (63) and Helm release names are not involved: 63. */
    public static final int MAX_PROFILE_NAME = 63;
    /** Layer names are Helm release names, which Helm limits to 53 characters. */
    public static final int MAX_LAYER_NAME = 53;

    private Names() {
    }
}
