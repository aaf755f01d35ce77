package io.mooring.cli.command;

import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import io.mooring.client.ApiException;
import io.mooring.client.api.MooringApi;
import io.mooring.client.model.ClusterPage;
import io.mooring.client.model.ClusterView;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A cluster named on the command line by its id or, more kindly, by its name (with --project when ambiguous). */
final class ClusterRefs {

    private ClusterRefs() {
    }

    static UUID resolve(MooringApi api, String ref, String project) throws ApiException {
        try {
            return UUID.fromString(ref);
        } catch (IllegalArgumentException notAnId) {
            // a name, then
        }
        List<ClusterView> named = new ArrayList<>();
        for (ClusterView cluster : all(api, project)) {
            if (cluster.getName().equals(ref)) {
                named.add(cluster);
            }
        }
        if (named.isEmpty()) {
            throw new CliException(ExitCodes.NOT_FOUND, "no cluster named " + ref
                    + (project == null ? "" : " in project " + project));
        }
        if (named.size() > 1) {
            throw new CliException(ExitCodes.USAGE, named.size() + " clusters are named " + ref
                    + ": name the project with --project, or use the id");
        }
        return named.get(0).getId();
    }

    /** Every visible cluster (of {@code project} if given), following the cursor through all pages. */
    static List<ClusterView> all(MooringApi api, String project) throws ApiException {
        List<ClusterView> clusters = new ArrayList<>();
        String cursor = null;
        do {
            ClusterPage page = api.listClusters(null, cursor, null, null, null, 100, null, project, null, null);
            clusters.addAll(page.getItems());
            cursor = page.getNextCursor();
        } while (cursor != null);
        return clusters;
    }
}
