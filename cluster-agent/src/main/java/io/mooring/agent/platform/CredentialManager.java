package io.mooring.agent.platform;

import io.mooring.agent.domain.Backoff;
import io.mooring.agent.domain.CredentialTiming;
import io.mooring.agent.platform.PlatformException.Kind;
import io.mooring.agent.platform.StateDirectory.StoredCredential;
import io.mooring.events.agent.AgentCredential;
import io.mooring.events.agent.AgentFacts;
import io.mooring.events.agent.RefreshRequest;
import io.mooring.events.agent.RegisterRequest;
import java.io.UncheckedIOException;
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
 *
 * <p>The first registration also answers a re-registration secret, which the agent keeps in its identity Secret
 * ({@link IdentityStore}; unlike the state directory it outlives the pod). Every registration carries the cluster's
 * identity (the kube-system namespace's UID) and that secret: with both the registry takes the spent token again from
 * an agent that lost its state directory (a rescheduled pod); the token and the UID alone are not enough. A refresh
 * secret the registry refuses (401) means another agent registered for this cluster since (a previous pod's refresh
 * came late, or a copy): the agent registers again, at most once per refusal and with a growing wait between such
 * fallbacks. Two agents alternating like that are what the registry detects as an identity conflict (409 for both,
 * until an operator reissues the import command): the agent then waits, its readiness data says why.
 *
 * <p>No secret is ever logged: not the import token, the refresh secret, the re-registration secret nor the JWT.
 */
public final class CredentialManager {

    private static final Logger LOG = Logger.getLogger(CredentialManager.class);

    /** Where the re-registration secret is kept: a Kubernetes Secret in the agent's own namespace. */
    public interface IdentityStore {
        /** The stored secret, empty when none is stored; throws when the store cannot be read. */
        Optional<String> read();

        /** Stores the secret; throws when it cannot. */
        void write(String reRegistrationSecret);

        /** Names the store for log lines (never its content). */
        String describe();
    }

    private final PlatformClient platform;
    private final StateDirectory state;
    private final String importToken;
    private final Duration margin;
    private final Clock clock;
    private final Backoff fallbackBackoff;
    private final IdentityStore identity;
    private StoredCredential current;
    private AgentFacts facts;
    private String clusterUid;
    /** Before this time a refused refresh does not lead to another registration (null: none yet). */
    private Instant nextFallbackAt;
    /** The registry refused the import token itself: registering again cannot help until a new import. */
    private boolean importTokenRefused;
    /** Read by health checks without the lock, which a registration holds for a whole HTTP call. */
    private volatile int reRegistrations;

    public CredentialManager(PlatformClient platform, StateDirectory state, String importToken, Duration margin, Clock clock,
            Backoff fallbackBackoff, IdentityStore identity) {
        this.platform = platform;
        this.state = state;
        this.importToken = importToken == null || importToken.isBlank() ? null : importToken.trim();
        this.margin = margin;
        this.clock = clock;
        this.fallbackBackoff = fallbackBackoff;
        this.identity = identity;
    }

    /**
     * Makes sure the agent holds a usable credential, registering with the import token when it has to.
     * Throws {@link PlatformException}: GONE/NOT_FOUND when the token is spent or unknown and nothing is stored,
     * or when the cluster was deleted.
     *
     * @param clusterUid the kube-system namespace's UID, null when the agent cannot read it
     */
    public synchronized UUID establish(AgentFacts facts, String clusterUid) {
        this.facts = facts;
        this.clusterUid = clusterUid;
        if (current == null) {
            current = state.credential().orElse(null);
        }
        String tokenHash = StateDirectory.hash(importToken);
        boolean newImport = importToken != null && (current == null || !tokenHash.equals(current.importTokenHash()));
        if (newImport) {
            try {
                AgentCredential credential = platform.register(registration());
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

    /** How often this agent registered again after its refresh secret was refused. */
    public int reRegistrations() {
        return reRegistrations;
    }

    private void refresh() {
        AgentCredential credential;
        try {
            credential = platform.refresh(new RefreshRequest(current.clusterId(), current.refreshSecret()));
        } catch (PlatformException e) {
            if (e.kind() != Kind.UNAUTHORIZED) {
                throw e;
            }
            registerAfterRefusal(e);
            return;
        }
        // The secret held: whatever took it before is gone, so a later refusal may fall back at once again.
        fallbackBackoff.reset();
        nextFallbackAt = null;
        store(credential, current.importTokenHash());
        LOG.debugf("Agent token refreshed, valid until %s", credential.expiresAt());
    }

    /**
     * The refresh secret was refused: another agent registered for this cluster and took the credential. Register
     * again with the import token and the cluster's identity, once per refusal; the wait before the next fallback
     * grows while refreshes keep being refused, which is what two copies of the agent would cause. Failing that,
     * the refusal stands: the caller's loop backs off and the agent goes on trying to refresh.
     */
    private void registerAfterRefusal(PlatformException refused) {
        if (importToken == null || clusterUid == null) {
            throw refused;
        }
        if (importTokenRefused) {
            throw new PlatformException(Kind.UNAUTHORIZED, refused.status(), refused.getMessage()
                    + "; the import token was refused too: apply a new import command to report again", refused);
        }
        Instant now = clock.instant();
        if (nextFallbackAt != null && now.isBefore(nextFallbackAt)) {
            throw new PlatformException(Kind.UNAUTHORIZED, refused.status(), refused.getMessage()
                    + "; registering again with the import token not before " + nextFallbackAt, refused);
        }
        nextFallbackAt = now.plus(fallbackBackoff.failed());
        LOG.warnf("The platform refused the refresh secret of cluster %s (%s): another copy of the agent may have registered"
                + " for this cluster. Registering again with the import token", current.clusterId(), refused.getMessage());
        AgentCredential credential;
        try {
            credential = platform.register(registration());
        } catch (PlatformException e) {
            if (e.kind() == Kind.GONE || e.kind() == Kind.NOT_FOUND) {
                // Not "the cluster was deleted" (a refresh says that with 410): this credential is simply lost. The
                // agent keeps its loops and its stored state, and reports again once a new import token arrives.
                importTokenRefused = true;
                LOG.errorf("The import token was refused as well (%s): the agent cannot report until a new import command is"
                        + " applied", e.getMessage());
                throw new PlatformException(Kind.UNAUTHORIZED, refused.status(), refused.getMessage()
                        + "; the import token was refused too: " + e.getMessage(), e);
            }
            throw e;
        }
        reRegistrations++;
        store(credential, StateDirectory.hash(importToken));
        LOG.infof("Registered again as cluster %s (%d time(s) since start); the other copy's credential no longer works",
                credential.clusterId(), reRegistrations);
    }

    /**
     * A registration: the import token, the cluster's identity and the re-registration secret from the identity
     * Secret (the registry needs it only when the token is spent; a fresh token ignores it).
     */
    private RegisterRequest registration() {
        String reRegistrationSecret = null;
        try {
            reRegistrationSecret = identity == null ? null : identity.read().orElse(null);
        } catch (RuntimeException e) {
            LOG.debugf("Could not read the re-registration secret from %s: %s", identity.describe(), e.getMessage());
        }
        return new RegisterRequest(importToken, facts, clusterUid, reRegistrationSecret);
    }

    /** Keeps the re-registration secret a first registration answered; without it a rescheduled pod needs a new import. */
    private void keepReRegistrationSecret(AgentCredential credential) {
        if (credential.reRegistrationSecret() == null || identity == null) {
            return;
        }
        try {
            identity.write(credential.reRegistrationSecret());
            LOG.infof("Kept the re-registration secret in %s", identity.describe());
        } catch (RuntimeException e) {
            LOG.warnf("Could not keep the re-registration secret in %s (%s): the agent works on, but if its pod is"
                    + " rescheduled it needs a new import command", identity.describe(), e.getMessage());
        }
    }

    private void store(AgentCredential credential, String importTokenHash) {
        keepReRegistrationSecret(credential);
        StoredCredential stored = new StoredCredential(credential.clusterId(), credential.accessToken(), credential.expiresAt(),
                credential.refreshSecret(), clock.instant(), importTokenHash);
        // The registry rotated the refresh secret (or spent the import token): the answer is the only copy, so it is
        // kept in memory whatever happens, and written to the state directory for the next start.
        current = stored;
        try {
            state.credential(stored);
        } catch (UncheckedIOException e) {
            LOG.errorf("Could not store the agent credential (%s): the agent works on, but a restart will need a new import token",
                    e.getMessage());
        }
    }

    private Instant refreshAt(StoredCredential credential) {
        return CredentialTiming.refreshAt(credential.obtainedAt(), credential.expiresAt(), margin);
    }
}
