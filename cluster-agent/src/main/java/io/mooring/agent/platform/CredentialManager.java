package io.mooring.agent.platform;

import io.mooring.agent.domain.CredentialTiming;
import io.mooring.agent.platform.PlatformException.Kind;
import io.mooring.agent.platform.StateDirectory.StoredCredential;
import io.mooring.events.agent.AgentCredential;
import io.mooring.events.agent.AgentFacts;
import io.mooring.events.agent.RefreshRequest;
import io.mooring.events.agent.RegisterRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The agent's credential: obtained once with the import token, stored in the state directory, refreshed before
 * it expires (the refresh secret rotates, so the new one is stored before it is used), and after a restart taken
 * from the store instead of the spent token. A different import token than the stored credential was obtained
 * with means a new import manifest was applied: that token is tried first.
 */
public final class CredentialManager {

    private static final Logger LOG = Logger.getLogger(CredentialManager.class);

    private final PlatformClient platform;
    private final StateDirectory state;
    private final String importToken;
    private final Duration margin;
    private final Clock clock;
    private StoredCredential current;

    public CredentialManager(PlatformClient platform, StateDirectory state, String importToken, Duration margin, Clock clock) {
        this.platform = platform;
        this.state = state;
        this.importToken = importToken == null || importToken.isBlank() ? null : importToken.trim();
        this.margin = margin;
        this.clock = clock;
    }

    /**
     * Makes sure the agent holds a usable credential, registering with the import token when it has to.
     * Throws {@link PlatformException}: GONE/NOT_FOUND when the token is spent or unknown and nothing is stored,
     * or when the cluster was deleted.
     */
    public synchronized UUID establish(AgentFacts facts) {
        if (current == null) {
            current = state.credential().orElse(null);
        }
        String tokenHash = StateDirectory.hash(importToken);
        boolean newImport = importToken != null && (current == null || !tokenHash.equals(current.importTokenHash()));
        if (newImport) {
            try {
                AgentCredential credential = platform.register(new RegisterRequest(importToken, facts, null));
                store(credential, tokenHash);
                LOG.infof("Registered with the platform as cluster %s", credential.clusterId());
                return current.clusterId();
            } catch (PlatformException e) {
                if (current == null || e.retryable()) {
                    throw e;
                }
                LOG.infof("The import token was refused (%s); going on with the stored credential of cluster %s", e.getMessage(),
                        current.clusterId());
            }
        }
        if (current == null) {
            throw new PlatformException(Kind.NOT_FOUND, 0,
                    "no import token (MOORING_IMPORT_TOKEN) and no stored credential in " + state.path(), null);
        }
        if (!clock.instant().isBefore(refreshAt(current))) {
            refresh();
        }
        return current.clusterId();
    }

    /** A token that is valid now, refreshed first when it is due. */
    public synchronized String accessToken() {
        if (current == null) {
            throw new IllegalStateException("no credential yet: establish() first");
        }
        if (!clock.instant().isBefore(refreshAt(current))) {
            refresh();
        }
        return current.accessToken();
    }

    /** The platform refused the token (401): get a new one now. */
    public synchronized String refreshAfterRefusal(String refusedToken) {
        if (current != null && !current.accessToken().equals(refusedToken)) {
            return current.accessToken();
        }
        refresh();
        return current.accessToken();
    }

    public synchronized Optional<UUID> clusterId() {
        return Optional.ofNullable(current).map(StoredCredential::clusterId);
    }

    public synchronized Optional<Instant> expiresAt() {
        return Optional.ofNullable(current).map(StoredCredential::expiresAt);
    }

    public String importTokenHash() {
        return StateDirectory.hash(importToken);
    }

    private void refresh() {
        AgentCredential credential = platform.refresh(new RefreshRequest(current.clusterId(), current.refreshSecret()));
        store(credential, current.importTokenHash());
        LOG.debugf("Agent token refreshed, valid until %s", credential.expiresAt());
    }

    private void store(AgentCredential credential, String importTokenHash) {
        StoredCredential stored = new StoredCredential(credential.clusterId(), credential.accessToken(), credential.expiresAt(),
                credential.refreshSecret(), clock.instant(), importTokenHash);
        // The registry rotated the refresh secret (or spent the import token): the answer is the only copy, so it is
        // kept in memory whatever happens, and written to the state directory for the next start.
        current = stored;
        try {
            state.credential(stored);
        } catch (java.io.UncheckedIOException e) {
            LOG.errorf("Could not store the agent credential (%s): the agent works on, but a restart will need a new import token",
                    e.getMessage());
        }
    }

    private Instant refreshAt(StoredCredential credential) {
        return CredentialTiming.refreshAt(credential.obtainedAt(), credential.expiresAt(), margin);
    }
}
