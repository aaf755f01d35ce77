package io.mooring.addon.domain;

import io.mooring.events.addons.LayerState;
import java.util.Collection;

/** Status words beyond the agent's {@link LayerState}s, and the overall status of an attachment. */
public final class LayerStatuses {

    /** Published (as AddonDeploymentChanged.status) when a layer stops being desired: detached or dropped. */
    public static final String REMOVED = "Removed";

    private LayerStatuses() {
    }

    /** The worst of the layers' states: Failed, Drifted, Applying, Pending, then Deployed (all deployed). */
    public static String overall(Collection<String> layerStates) {
        for (LayerState worst : new LayerState[] {LayerState.FAILED, LayerState.DRIFTED, LayerState.APPLYING,
                LayerState.PENDING}) {
            if (layerStates.contains(worst.wire())) {
                return worst.wire();
            }
        }
        return layerStates.isEmpty() ? LayerState.PENDING.wire() : LayerState.DEPLOYED.wire();
    }
}
