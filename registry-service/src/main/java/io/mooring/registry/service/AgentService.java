package io.mooring.registry.service;

import io.mooring.events.agent.AgentCredential;
import io.mooring.events.agent.AgentStatus;
import io.mooring.events.agent.AgentStatusReply;
import io.mooring.events.agent.RefreshRequest;
import io.mooring.events.agent.RegisterRequest;
import io.mooring.events.payload.AgentIdentityConflict;
import io.mooring.events.payload.AgentReRegistered;
import io.mooring.events.payload.ClusterConnected;
import io.mooring.events.payload.ModeChanged;
import io.mooring.registry.config.AgentTokenConfig;
import io.mooring.registry.domain.AgentSecret;
import io.mooring.registry.domain.Cluster;
import io.mooring.registry.domain.ImportToken;
import io.mooring.registry.repository.AgentSecretRepository;
import io.mooring.registry.repository.ClusterRepository;
import io.mooring.registry.repository.ImportTokenRepository;
import io.mooring.registry.repository.TombstoneRepository;
import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import io.mooring.support.outbox.Outbox;
import io.mooring.support.security.Caller;
import io.mooring.support.security.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What cluster agents do: exchange the import token for a credential (again, after losing it, with the
 * re-registration secret), refresh it, and report status. The
 * status is where a migration is confirmed (the agent's permissions, as the API server told it, reach the
 * pending mode) and where a deletion completes (the agent reports its cleanup done).
 */
@ApplicationScoped
public class AgentService {

    private static final Logger LOG = Logger.getLogger(AgentService.class);

    private final ClusterRepository clusters;
    private final ImportTokenRepository importTokens;
    private final AgentSecretRepository secrets;
    private final TombstoneRepository tombstones;
    private final ClusterService clusterService;
    private final AgentTokenIssuer issuer;
    private final AgentTokenConfig config;
    private final Outbox outbox;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    public AgentService(ClusterRepository clusters, ImportTokenRepository importTokens, AgentSecretRepository secrets,
            TombstoneRepository tombstones, ClusterService clusterService, AgentTokenIssuer issuer,
            AgentTokenConfig config, Outbox outbox, CurrentCaller currentCaller, Clock clock) {
        this.clusters = clusters;
        this.importTokens = importTokens;
        this.secrets = secrets;
        this.tombstones = tombstones;
        this.clusterService = clusterService;
        this.issuer = issuer;
        this.config = config;
        this.outbox = outbox;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    /**
     * Spends the import token (404 unknown, 410 spent, replaced or expired) and answers a credential. The first
     * registration makes the cluster Running, binds it to the agent's {@code clusterUid} and publishes
     * {@code ClusterConnected}; a later one with a fresh token (an agent re-installed with a reissued command) only
     * renews the credential. A spent token is taken again only as a re-registration, see {@link #reRegister}.
     */
    @WithTransaction
    public Uni<AgentCredential> register(RegisterRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw ProblemException.invalid("body", "must be a registration: {importToken, facts, clusterUid}");
        }
        if (request.importToken() == null || request.importToken().isBlank()) {
            errors.add(new Problem.FieldError("importToken", "must not be blank"));
        }
        errors.addAll(AgentInput.facts(request.facts(), "facts."));
        errors.addAll(AgentInput.clusterUid(request.clusterUid(), "clusterUid"));
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        if (!SecretTokens.wellFormed(request.importToken())) {
            throw unknownImportToken();
        }
        Instant now = now();
        return importTokens.findByHash(SecretTokens.hash(request.importToken())).flatMap(token -> {
            if (token == null) {
                return Uni.createFrom().failure(unknownImportToken());
            }
            ImportToken.State state = token.state(now);
            if (state == ImportToken.State.SPENT) {
                return reRegister(token, request, now);
            }
            if (state != ImportToken.State.USABLE) {
                return Uni.createFrom().failure(ImportTokenRefusals.unusable(state));
            }
            return importTokens.spend(token.id, now).flatMap(spent -> {
                if (!spent) {
                    return Uni.createFrom().failure(ImportTokenRefusals.unusable(ImportToken.State.SPENT));
                }
                return clusters.findById(token.clusterId);
            }).flatMap(cluster -> {
                if (cluster.isDeleting()) {
                    return Uni.createFrom().failure(ProblemException.gone("The cluster is being deleted."));
                }
                cluster.observe(request.facts(), now);
                if (cluster.bindIdentity(request.clusterUid(), now)) {
                    LOG.infof("Cluster %s is bound to another kube-system UID: the agent of a new import command runs"
                            + " in a cluster other than the one that registered before", cluster.id);
                }
                Uni<Void> events = Uni.createFrom().voidItem();
                if (cluster.connect(now)) {
                    events = outbox.add(new ClusterConnected(cluster.id, cluster.project, cluster.importMode.wire(),
                            cluster.kubernetesVersion, cluster.detectedProvider, cluster.detectedPlatform, now));
                }
                return events.flatMap(v -> confirmMigration(cluster, now)).flatMap(v -> newCredential(cluster.id, now));
            });
        });
    }

    /**
     * An agent that lost its stored credential (its pod was rescheduled, the emptyDir is gone) comes back with the
     * spent token and the re-registration secret its first registration answered, which it keeps in a Secret of its
     * own namespace. It is the same installation only if it presents that secret, the token is still the cluster's
     * latest and the agent reads the kube-system UID the cluster is bound to; the token's expiry does not matter,
     * since an agent can be rescheduled months later. The UID alone proves nothing (anyone who can read namespaces
     * knows it), nor does the token (it was in the manifest). The previous refresh secret stops working and is
     * remembered as superseded (see {@link #refresh}); the re-registration goes into the cluster's history as
     * {@code AgentReRegistered}.
     */
    private Uni<AgentCredential> reRegister(ImportToken token, RegisterRequest request, Instant now) {
        String proof = request.reRegistrationSecret();
        if (request.clusterUid() == null || proof == null || !SecretTokens.wellFormed(proof)) {
            return Uni.createFrom().failure(ImportTokenRefusals.unusable(ImportToken.State.SPENT));
        }
        return importTokens.isLatest(token).flatMap(latest -> {
            if (!latest) {
                return Uni.createFrom().failure(ImportTokenRefusals.unusable(ImportToken.State.REVOKED));
            }
            return clusters.findById(token.clusterId);
        }).flatMap(cluster -> {
            if (cluster.isDeleting()) {
                return Uni.createFrom().failure(ProblemException.gone("The cluster is being deleted."));
            }
            if (cluster.clusterUid == null) {
                return Uni.createFrom().failure(ImportTokenRefusals.spentBeforeIdentity());
            }
            if (!cluster.isIdentifiedBy(request.clusterUid())) {
                return Uni.createFrom().failure(ImportTokenRefusals.unusable(ImportToken.State.SPENT));
            }
            return secrets.findById(cluster.id).flatMap(secret -> {
                if (secret == null || secret.reRegistrationHash == null) {
                    return Uni.createFrom().failure(ImportTokenRefusals.spentBeforeIdentity());
                }
                if (!secret.acceptsReRegistration(SecretTokens.hash(proof))) {
                    return Uni.createFrom().failure(ImportTokenRefusals.unusable(ImportToken.State.SPENT));
                }
                if (cluster.hasIdentityConflict()) {
                    return Uni.createFrom().failure(Problems.identityConflict());
                }
                String refreshSecret = SecretTokens.generate();
                secret.supersede(SecretTokens.hash(refreshSecret), now);
                cluster.observe(request.facts(), now);
                cluster.reRegistered(now);
                LOG.infof("Cluster %s: an agent re-registered with its re-registration secret (re-registration %d);"
                        + " the previous agent's refresh secret no longer works", cluster.id, cluster.reRegistrations);
                return outbox.add(new AgentReRegistered(cluster.id, cluster.project, cluster.reRegistrations,
                                cluster.agentVersion, now))
                        .flatMap(v -> confirmMigration(cluster, now))
                        .map(v -> credential(cluster.id, refreshSecret, null));
            });
        });
    }

    /**
     * A new agent JWT for the refresh secret, which is rotated (the old one stays good for a short grace). The
     * refresh secret a re-registration replaced, presented within the conflict window, means the agent that held it
     * still runs beside the one that re-registered: two agents share the cluster's identity. That is recorded on
     * the cluster (and published as {@code AgentIdentityConflict}) before the refusal, and from then on every agent
     * of the cluster is refused with 409 until an operator reissues the import command.
     */
    public Uni<AgentCredential> refresh(RefreshRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw ProblemException.invalid("body", "must be a refresh request: {clusterId, refreshSecret}");
        }
        if (request.clusterId() == null) {
            errors.add(new Problem.FieldError("clusterId", "must not be null"));
        }
        if (request.refreshSecret() == null || request.refreshSecret().isBlank()) {
            errors.add(new Problem.FieldError("refreshSecret", "must not be blank"));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        Instant now = now();
        // The conflict must be committed although the answer is a refusal: decide inside, refuse after.
        return Panache.withTransaction(() -> refreshOrRefuse(request, now)).map(Refresh::orThrow);
    }

    /** A refresh's outcome: a credential, or the refusal to answer once the transaction committed. */
    private record Refresh(AgentCredential credential, ProblemException refusal) {
        AgentCredential orThrow() {
            if (refusal != null) {
                throw refusal;
            }
            return credential;
        }
    }

    private Uni<Refresh> refreshOrRefuse(RefreshRequest request, Instant now) {
        String presented = SecretTokens.hash(request.refreshSecret());
        return secrets.findById(request.clusterId()).flatMap(secret -> {
            if (secret == null) {
                return refusedFor(request.clusterId(), () -> Problems.unauthorized(
                        "No agent is registered for this cluster."));
            }
            return clusters.findById(secret.clusterId).flatMap(cluster -> {
                if (secret.isSuperseded(presented, now, config.conflictWindow())) {
                    return conflict(cluster, now).replaceWith(new Refresh(null, Problems.identityConflict()));
                }
                if (!secret.accepts(presented, now)) {
                    return Uni.createFrom().failure(Problems.unauthorized("The refresh secret is not valid for"
                            + " this cluster; re-import the agent with a new import command."));
                }
                if (cluster != null && cluster.hasIdentityConflict()) {
                    return Uni.createFrom().item(new Refresh(null, Problems.identityConflict()));
                }
                String next = SecretTokens.generate();
                secret.rotate(presented, SecretTokens.hash(next), now, config.refreshGrace());
                AgentTokenIssuer.AccessToken token = issuer.issue(secret.clusterId);
                return Uni.createFrom().item(new Refresh(
                        new AgentCredential(secret.clusterId, token.token(), token.expiresAt(), next), null));
            });
        });
    }

    private Uni<Void> conflict(Cluster cluster, Instant now) {
        if (cluster == null || cluster.hasIdentityConflict()) {
            return Uni.createFrom().voidItem();
        }
        String reason = "A refresh presented the refresh secret that the re-registration at " + cluster
                .lastReRegisteredAt + " replaced: the agent that held it is still running beside the one that"
                + " re-registered, so two agents use this cluster's identity.";
        cluster.identityConflict(reason, now);
        LOG.warnf("Cluster %s: two agents use this cluster's identity; every agent of the cluster is refused until"
                + " an operator reissues the import command", cluster.id);
        return outbox.add(new AgentIdentityConflict(cluster.id, cluster.project, reason, now));
    }

    /** Records the agent's report about its own cluster and answers what it should do next. */
    @WithTransaction
    public Uni<AgentStatusReply> status(AgentStatus status) {
        Caller caller = currentCaller.get();
        UUID clusterId = caller.agentClusterId();
        if (status == null) {
            throw ProblemException.invalid("body", "must be a status: {facts, cleanupDone}");
        }
        List<Problem.FieldError> errors = AgentInput.facts(status.facts(), "facts.");
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        Instant now = now();
        return clusters.findById(clusterId).flatMap(cluster -> {
            if (cluster == null) {
                return refusedFor(clusterId, Problems::clusterNotFound);
            }
            caller.requireAgentOf(cluster.id);
            if (cluster.hasIdentityConflict()) {
                return Uni.createFrom().failure(Problems.identityConflict());
            }
            cluster.observe(status.facts(), now);
            if (cluster.isDeleting() && status.cleanupDone()) {
                return clusterService.remove(cluster, false, cluster.deletionRequestedBy, now)
                        .map(v -> new AgentStatusReply(cluster.id, AgentStatusReply.DELETED,
                                cluster.importMode.wire(), null, false, List.of()));
            }
            return confirmMigration(cluster, now).map(v -> reply(cluster));
        });
    }

    private Uni<Void> confirmMigration(Cluster cluster, Instant now) {
        return cluster.confirmMigration(now)
                .map(done -> outbox.add(new ModeChanged(cluster.id, cluster.project, done.from().wire(),
                        done.to().wire(), done.requestedBy(), now)))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    private static AgentStatusReply reply(Cluster cluster) {
        boolean cleanup = cluster.isDeleting();
        return new AgentStatusReply(cluster.id, cluster.status.wire(), cluster.importMode.wire(),
                cluster.pendingMode == null ? null : cluster.pendingMode.wire(), cleanup,
                cleanup ? ManifestBuilder.installedObjects() : List.of());
    }

    /**
     * The credential of a registration with a fresh import token: a new installation, so a new refresh secret and a
     * new re-registration secret, which only this answer ever holds.
     */
    private Uni<AgentCredential> newCredential(UUID clusterId, Instant now) {
        String refreshSecret = SecretTokens.generate();
        String hash = SecretTokens.hash(refreshSecret);
        String reRegistrationSecret = SecretTokens.generate();
        String reRegistrationHash = SecretTokens.hash(reRegistrationSecret);
        return secrets.findById(clusterId).flatMap(existing -> {
            if (existing != null) {
                existing.replace(hash, reRegistrationHash, now);
                return Uni.createFrom().item(existing);
            }
            AgentSecret secret = AgentSecret.register(clusterId, hash, now);
            secret.reRegistrationHash = reRegistrationHash;
            return secrets.persist(secret);
        }).map(saved -> credential(clusterId, refreshSecret, reRegistrationSecret));
    }

    private AgentCredential credential(UUID clusterId, String refreshSecret, String reRegistrationSecret) {
        AgentTokenIssuer.AccessToken token = issuer.issue(clusterId);
        return new AgentCredential(clusterId, token.token(), token.expiresAt(), refreshSecret, reRegistrationSecret);
    }

    /** 410 for the agent of a deleted cluster, {@code unknown} for a cluster this registry never knew. */
    private <T> Uni<T> refusedFor(UUID clusterId, Supplier<ProblemException> unknown) {
        return tombstones.findById(clusterId).map(tombstone -> {
            throw tombstone != null ? Problems.clusterDeleted() : unknown.get();
        });
    }

    private static ProblemException unknownImportToken() {
        return ProblemException.notFound("Unknown import token.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
