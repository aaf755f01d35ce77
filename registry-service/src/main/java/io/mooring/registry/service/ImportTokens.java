package io.mooring.registry.service;

import io.mooring.registry.domain.ImportToken;
import io.mooring.support.api.ProblemException;

/** The refusals of an import token that exists but can no longer be used: all 410, each with its reason. */
final class ImportTokens {

    private ImportTokens() {
    }

    static ProblemException unusable(ImportToken.State state) {
        return ProblemException.gone(switch (state) {
            case SPENT -> "This import token was already used: an agent registered with it. Issue a new import"
                    + " command (POST /api/v1/clusters/{id}/import-command) to install the agent again.";
            case REVOKED -> "This import token was replaced by a newer import command.";
            case EXPIRED -> "This import token has expired. Issue a new import command"
                    + " (POST /api/v1/clusters/{id}/import-command).";
            case USABLE -> throw new IllegalArgumentException("usable");
        });
    }
}
