package io.mooring.registry.service;

import io.mooring.registry.domain.ImportToken;
import io.mooring.support.api.ProblemException;

/** The refusals of an import token that exists but can no longer be used: all 410, each with its reason. */
final class ImportTokenRefusals {

    private ImportTokenRefusals() {
    }

    static ProblemException unusable(ImportToken.State state) {
        return ProblemException.gone(switch (state) {
            case SPENT -> "This import token was already used: an agent registered with it, and only that agent,"
                    + " presenting the re-registration secret it keeps in its cluster, may use it again. Issue a new"
                    + " import command"
                    + " (POST /api/v1/clusters/{id}/import-command) to install the agent again.";
            case REVOKED -> "This import token was replaced by a newer import command.";
            case EXPIRED -> "This import token has expired. Issue a new import command"
                    + " (POST /api/v1/clusters/{id}/import-command).";
            case USABLE -> throw new IllegalArgumentException("usable");
        });
    }

    /** A spent token of a cluster that registered before agents proved their cluster's identity: nothing to match. */
    static ProblemException spentBeforeIdentity() {
        return ProblemException.gone("This import token was already used, and its cluster registered before agents"
                + " could come back with it: an agent that lost its credential cannot use it again. Issue a new import"
                + " command (POST /api/v1/clusters/{id}/import-command) to install the agent again.");
    }
}
