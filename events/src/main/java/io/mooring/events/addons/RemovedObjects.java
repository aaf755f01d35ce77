package io.mooring.events.addons;

import java.util.List;
import java.util.UUID;

/**
 * Objects a layer held and no longer holds (its profile was detached, or updated to a version or values without
 * them). Listed until the agent reports a {@link StatusReport#prunedRevision()} at or above the revision that
 * removed them; never listed while an attached profile holds the same object again.
 */
public record RemovedObjects(UUID attachmentId, String profile, String layer, List<ObjectRef> objects) {

    public RemovedObjects {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }
}
