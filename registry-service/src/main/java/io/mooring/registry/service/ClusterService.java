package io.mooring.registry.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.Modes;
import io.mooring.events.agent.AgentStatusReply;
import io.mooring.events.capability.Capabilities;
import io.mooring.events.capability.Capability;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterImported;
import io.mooring.registry.config.RegistryConfig;
import io.mooring.registry.domain.AgentNetwork;
import io.mooring.registry.domain.CleanupToken;
import io.mooring.events.CloudType;
import io.mooring.registry.domain.Cluster;
import io.mooring.registry.domain.ClusterCounts;
import io.mooring.registry.domain.ClusterStatus;
import io.mooring.registry.domain.ClusterTombstone;
import io.mooring.registry.domain.IdempotencyRecord;
import io.mooring.registry.domain.ImportMode;
import io.mooring.registry.domain.ImportToken;
import io.mooring.registry.domain.LabelSelector;
import io.mooring.registry.domain.ClusterSort;
import io.mooring.registry.domain.PagePosition;
import io.mooring.registry.repository.AgentSecretRepository;
import io.mooring.registry.repository.CleanupTokenRepository;
import io.mooring.registry.repository.ClusterRepository;
import io.mooring.registry.repository.IdempotencyRepository;
import io.mooring.registry.repository.ImportTokenRepository;
import io.mooring.registry.repository.TombstoneRepository;
import io.mooring.support.api.PageCursors;
import io.mooring.support.api.ProblemException;
import io.mooring.support.outbox.Outbox;
import io.mooring.support.security.Caller;
import io.mooring.support.security.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.exception.ConstraintViolationException;

/** Importing, reading, changing, migrating and deleting clusters on behalf of users. */
@ApplicationScoped
public class ClusterService {

    /** The cluster table's unique constraint on (project, name) (V1__clusters.sql). */
    private static final String NAME_PER_PROJECT = "cluster_name_per_project";

    /**
     * A cluster to import. Its components are named and ordered as the request body, so an Idempotency-Key's
     * request hash (of this record's JSON) stays what it was when the service hashed the body itself.
     */
    public record NewCluster(String name, String project, CloudType cloudType, ImportMode importMode,
            String description, Map<String, String> labels,
            // Left out of the JSON when absent, so the hash of a request without it stays what it was.
            @JsonInclude(JsonInclude.Include.NON_NULL) AgentNetwork agentNetwork) {
    }

    /**
     * A change of description, labels or the agent's network settings; a null component stays as it is, an empty
     * description removes it, {@link AgentNetwork#NONE} removes the network settings.
     */
    public record Change(String description, Map<String, String> labels, AgentNetwork agentNetwork) {
    }

    /** A cluster and the import command just issued for it. */
    public record Issued(Cluster cluster, ImportLinks.ImportLink importCommand) {
    }

    /**
     * The answer to a create: 201 the first time, the same answer again on an idempotent replay. The answer's
     * shape is the caller's ({@code T}): it is kept as JSON and read back as {@code T} on a replay.
     */
    public record Created<T>(int status, String location, T body, boolean replayed) {
    }

    /** One page of clusters; {@code nextCursor} is null on the last page. */
    public record Page(List<Cluster> items, String nextCursor) {
    }

    /** What a delete did: the cluster's status after it, and the cleanup command for what the import installed. */
    public record Deletion(UUID clusterId, String status, boolean forced, boolean agentCleansUp,
            ImportLinks.CleanupLink cleanup) {
    }

    /** Every operation of the capability table, allowed or not, for the cluster's mode. */
    public record CapabilityTable(UUID clusterId, CloudType cloudType, ImportMode importMode,
            List<Capability> capabilities) {
    }

    /** The validated query of a list. */
    public record ListQuery(String project, CloudType cloudType, ImportMode importMode, ClusterStatus status,
            String detectedProvider, LabelSelector labels, String nameContains, ClusterSort sort, int limit,
            String cursor) {
    }

    private final ClusterRepository clusters;
    private final ImportTokenRepository importTokens;
    private final AgentSecretRepository agentSecrets;
    private final CleanupTokenRepository cleanupTokens;
    private final TombstoneRepository tombstones;
    private final IdempotencyRepository idempotency;
    private final Outbox outbox;
    private final CurrentCaller currentCaller;
    private final RegistryConfig config;
    private final ImportLinks links;

    private final PageCursors cursors;
    private final IdempotencyCipher cipher;
    private final ObjectMapper json;
    private final Clock clock;

    public ClusterService(ClusterRepository clusters, ImportTokenRepository importTokens,
            AgentSecretRepository agentSecrets, CleanupTokenRepository cleanupTokens, TombstoneRepository tombstones,
            IdempotencyRepository idempotency, Outbox outbox, CurrentCaller currentCaller, RegistryConfig config,
            ImportLinks links, PageCursors cursors,
            IdempotencyCipher cipher, ObjectMapper json, Clock clock) {
        this.clusters = clusters;
        this.importTokens = importTokens;
        this.agentSecrets = agentSecrets;
        this.cleanupTokens = cleanupTokens;
        this.tombstones = tombstones;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.currentCaller = currentCaller;
        this.config = config;
        this.links = links;
        this.cursors = cursors;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Registers a cluster for import: Pending, with a fresh import command, and {@code ClusterImported} in the
     * outbox. With an Idempotency-Key, a retry of the same request returns the first answer; the same key with
     * another request is refused (422). {@code answer} shapes what is answered (and kept for replays, as JSON read
     * back as {@code answerType}); it runs in the transaction, on the cluster as created.
     */
    @WithTransaction
    public <T> Uni<Created<T>> create(NewCluster request, String idempotencyKey, Class<T> answerType,
            Function<Issued, T> answer) {
        Caller caller = currentCaller.get();
        caller.requireMember(request.project());
        NewCluster canonical = canonical(request);
        if (idempotencyKey == null) {
            return createFresh(canonical, caller, answer);
        }
        String lookupId = cipher.lookupId(caller.name(), idempotencyKey);
        String requestHash = SecretTokens.sha256Hex(write(canonical));
        Instant now = now();
        return idempotency.findById(lookupId).flatMap(previous -> {
            if (previous != null && previous.expiresAt.isAfter(now)) {
                return Uni.createFrom().item(replay(previous, caller, idempotencyKey, requestHash, answerType));
            }
            Uni<Void> clearExpired = previous == null ? Uni.createFrom().voidItem()
                    : idempotency.delete(previous).flatMap(v -> idempotency.flush());
            return clearExpired
                    .flatMap(v -> createFresh(canonical, caller, answer))
                    .flatMap(created -> remember(lookupId, requestHash, caller, idempotencyKey, created, now));
        });
    }

    private <T> Uni<Created<T>> createFresh(NewCluster request, Caller caller, Function<Issued, T> answer) {
        Instant now = now();
        Cluster cluster = Cluster.importing(UUID.randomUUID(), request.project(), request.name(),
                emptyToNull(request.description()), request.labels(), request.cloudType(), request.importMode(),
                caller.name(), now);
        cluster.agentNetwork(request.agentNetwork(), now);
        // The unique constraint on (project, name) is the name check: inserting at once (rather than counting
        // first) answers a taken name with the same 409 and saves a query per import (issue #15).
        return clusters.persistAndFlush(cluster)
                .onFailure(ClusterService::nameTaken).transform(e -> ProblemException.conflict("A cluster named '"
                        + request.name() + "' already exists in project '" + request.project() + "'."))
                .flatMap(c -> outbox.add(new ClusterImported(c.id, c.project, c.name, c.cloudType.wire(),
                        c.importMode.wire(), Map.copyOf(c.labels), caller.name(), now)))
                .flatMap(v -> firstImportToken(cluster, caller, now))
                .map(issued -> new Created<>(201, "/api/v1/clusters/" + cluster.id, answer.apply(issued), false));
    }

    /**
     * Whether an insert failed on the cluster table's unique (project, name): a unique violation (Hibernate's, or
     * the reactive client's) somewhere in the chain, and the constraint named by it or by PostgreSQL's message.
     */
    private static boolean nameTaken(Throwable failure) {
        boolean violation = false;
        boolean named = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException hibernate) {
                violation = true;
                named |= NAME_PER_PROJECT.equals(hibernate.getConstraintName());
            } else if (cause instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                violation = true;
                named |= NAME_PER_PROJECT.equals(pg.getConstraint());
            }
            named |= String.valueOf(cause.getMessage()).contains(NAME_PER_PROJECT);
        }
        return violation && named;
    }

    private <T> Created<T> replay(IdempotencyRecord previous, Caller caller, String key, String requestHash,
            Class<T> answerType) {
        if (!previous.requestHash.equals(requestHash)) {
            throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request.");
        }
        String body = cipher.open(caller.name(), key, previous.nonce, previous.body)
                .orElseThrow(() -> ProblemException.conflict("The first answer to this Idempotency-Key can no longer"
                        + " be read; use a new key."));
        try {
            return new Created<>(previous.status, previous.location, json.readValue(body, answerType), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent answer is unreadable", e);
        }
    }

    private <T> Uni<Created<T>> remember(String lookupId, String requestHash, Caller caller, String key,
            Created<T> created, Instant now) {
        IdempotencyCipher.Sealed sealed = cipher.seal(caller.name(), key, write(created.body()));
        IdempotencyRecord record = new IdempotencyRecord();
        record.keyHash = lookupId;
        record.requestHash = requestHash;
        record.status = created.status();
        record.location = created.location();
        record.nonce = sealed.nonce();
        record.body = sealed.body();
        record.createdAt = now;
        record.expiresAt = now.plus(config.idempotencyTtl());
        return idempotency.persist(record).replaceWith(created);
    }

    /** The (created-at, id) position a cluster-list cursor stands for. */
    private static PagePosition position(ClusterSort sort, List<String> parts) {
        try {
            return sort.position(parts.get(0), parts.get(1));
        } catch (RuntimeException e) {
            throw PageCursors.invalid();
        }
    }

    @WithSession
    public Uni<Page> list(ListQuery query) {
        Caller caller = currentCaller.get();
        PagePosition after = null;
        if (query.cursor() != null) {
            after = position(query.sort(), cursors.decode(query.sort().cursorScope(), query.cursor(), 2));
        }
        if (query.project() != null && !caller.canSee(query.project())) {
            return Uni.createFrom().item(new Page(List.of(), null));
        }
        ClusterRepository.Filter filter = new ClusterRepository.Filter(caller.isAdmin() ? null : caller.projects(),
                query.project(), query.cloudType(), query.importMode(), query.status(), query.detectedProvider(),
                query.labels(), query.nameContains());
        if (filter.projects() != null && filter.projects().isEmpty()) {
            return Uni.createFrom().item(new Page(List.of(), null));
        }
        int limit = query.limit();
        return clusters.page(filter, query.sort(), after, limit + 1).map(found -> {
            boolean more = found.size() > limit;
            List<Cluster> page = more ? found.subList(0, limit) : found;
            String next = null;
            if (more) {
                Cluster last = page.get(page.size() - 1);
                next = cursors.encode(query.sort().cursorScope(), query.sort().keyOf(last), last.id.toString());
            }
            return new Page(page, next);
        });
    }

    /** The clusters the caller may see (of {@code project} only, when given), counted: the fleet's summary. */
    @WithSession
    public Uni<ClusterCounts> summary(String project) {
        Caller caller = currentCaller.get();
        Set<String> visible = caller.isAdmin() ? null : caller.projects();
        if ((project != null && !caller.canSee(project)) || (visible != null && visible.isEmpty())) {
            return Uni.createFrom().item(ClusterCounts.of(List.of()));
        }
        return clusters.countGroups(visible, project).map(ClusterCounts::of);
    }

    @WithSession
    public Uni<Cluster> get(UUID id) {
        return visible(id);
    }

    @WithTransaction
    public Uni<Cluster> update(UUID id, Change request) {
        if (request.description() == null && request.labels() == null && request.agentNetwork() == null) {
            return Uni.createFrom().failure(ProblemException.invalid("body",
                    "nothing to change: give a description, labels, agentNetwork or several"));
        }
        return visible(id).map(cluster -> {
            requireNotDeleting(cluster);
            if (request.description() != null) {
                cluster.description = emptyToNull(request.description());
            }
            if (request.labels() != null) {
                cluster.labels = new TreeMap<>(request.labels());
            }
            if (request.agentNetwork() != null) {
                cluster.agentNetwork(request.agentNetwork(), now());
            }
            cluster.updatedAt = now();
            return cluster;
        });
    }

    /**
     * A fresh import command for the cluster's current (or pending) mode; earlier commands stop working. It also
     * ends an identity conflict: the agents that fought lose their credentials.
     */
    @WithTransaction
    public Uni<Issued> reissueImportCommand(UUID id) {
        Caller caller = currentCaller.get();
        return visible(id).flatMap(cluster -> {
            requireNotDeleting(cluster);
            return issueImportToken(cluster, caller, now());
        });
    }

    /**
     * Asks for full permissions: the cluster shows the pending migration and a new import command that binds
     * the agent to cluster-admin. The mode changes only when the agent confirms it (see AgentService).
     */
    @WithTransaction
    public Uni<Issued> migrateToFullPermissions(UUID id) {
        Caller caller = currentCaller.get();
        return visible(id).flatMap(cluster -> {
            requireNotDeleting(cluster);
            if (cluster.importMode == ImportMode.FULL_PERMISSION) {
                throw ProblemException.notCapable(Capabilities.ALREADY_FULL);
            }
            Instant now = now();
            cluster.requestMigration(ImportMode.FULL_PERMISSION, caller.name(), now);
            return issueImportToken(cluster, caller, now);
        });
    }

    /**
     * Deletes a cluster. A connected cluster becomes Deleting and its agent is told to clean up; the record goes
     * when it reports. {@code force}, or a cluster whose agent never connected, removes the record at once.
     * Either way the answer carries a cleanup command for what the import installed.
     */
    @WithTransaction
    public Uni<Deletion> delete(UUID id, boolean force) {
        Caller caller = currentCaller.get();
        Instant now = now();
        return clusters.findById(id).flatMap(cluster -> {
            if (cluster == null) {
                return Uni.createFrom().failure(Problems.clusterNotFound());
            }
            caller.requireVisible(cluster.project, "Cluster");
            // Only an agent bound to cluster-admin may delete what the import installed.
            boolean agentCleansUp = cluster.agentPermissions != null
                    ? Modes.FULL_PERMISSION.equals(cluster.agentPermissions)
                    : cluster.importMode == ImportMode.FULL_PERMISSION;
            String token = SecretTokens.generate();
            Instant expiresAt = now.plus(config.cleanupManifestTtl());
            Uni<Void> cleanup = cleanupTokens.persist(CleanupToken.issue(cluster.id, SecretTokens.hash(token), now,
                    expiresAt)).replaceWithVoid();
            if (force || cluster.status == ClusterStatus.PENDING) {
                return cleanup.flatMap(v -> remove(cluster, force, caller.name(), now))
                        .map(v -> new Deletion(cluster.id, AgentStatusReply.DELETED, force,
                                false, links.cleanupCommand(token, expiresAt)));
            }
            if (!cluster.isDeleting()) {
                cluster.markDeleting(caller.name(), now);
            }
            return cleanup.flatMap(v -> importTokens.revokeOutstanding(cluster.id, now))
                    .map(v -> new Deletion(cluster.id, ClusterStatus.DELETING.wire(), false, agentCleansUp,
                            links.cleanupCommand(token, expiresAt)));
        });
    }

    /** Removes the record, leaves a tombstone and publishes {@code ClusterDeleted}, in the caller's transaction. */
    public Uni<Void> remove(Cluster cluster, boolean forced, String deletedBy, Instant now) {
        return tombstones.persist(ClusterTombstone.of(cluster, forced, deletedBy, now))
                .flatMap(t -> outbox.add(new ClusterDeleted(cluster.id, cluster.project, forced, deletedBy, now)))
                .flatMap(v -> clusters.delete(cluster));
    }

    @WithSession
    public Uni<CapabilityTable> capabilities(UUID id) {
        return visible(id).map(cluster -> new CapabilityTable(cluster.id, cluster.cloudType, cluster.importMode,
                Capabilities.of(cluster.importMode.wire())));
    }

    /**
     * Always refused: Mooring never holds an imported cluster's credentials. The answer names where to get a
     * kubeconfig, for the cluster's type when the caller may see it; the same refusal otherwise, so it never
     * tells whether a cluster exists.
     */
    @WithSession
    public Uni<Void> kubeconfig(String id) {
        Caller caller = currentCaller.get();
        Optional<UUID> clusterId = parseUuid(id);
        Uni<Cluster> cluster = clusterId.isEmpty() ? Uni.createFrom().nullItem() : clusters.findById(clusterId.get());
        return cluster.map(found -> {
            CloudType type = found != null && caller.canSee(found.project) ? found.cloudType : null;
            throw ProblemException.notCapable(Capabilities.NO_KUBECONFIG + ". Mooring never stores or serves the"
                    + " credentials of an imported cluster, so there is no kubeconfig to download; "
                    + whereToGetKubeconfig(type));
        });
    }

    static String whereToGetKubeconfig(CloudType type) {
        if (type == null) {
            return "use your cloud's CLI (aws eks update-kubeconfig, az aks get-credentials, gcloud container"
                    + " clusters get-credentials, oc login) or ask whoever created the cluster.";
        }
        return switch (type) {
            case EKS -> "for EKS: aws eks update-kubeconfig --name <cluster> --region <region>.";
            case AKS -> "for AKS: az aks get-credentials --resource-group <group> --name <cluster>.";
            case GKE -> "for GKE: gcloud container clusters get-credentials <cluster> --region <region>.";
            case OPENSHIFT -> "for OpenShift: oc login to the cluster's API server, or the installer's auth/kubeconfig.";
            case EKS_ANYWHERE -> "for EKS Anywhere: the <cluster>-eks-a-cluster.kubeconfig that eksctl anywhere wrote"
                    + " when it created the cluster.";
            default -> "ask whoever created the cluster (kubeadm's /etc/kubernetes/admin.conf, Rancher, your"
                    + " platform team).";
        };
    }

    /**
     * A new import token and the handle of the manifest URL that serves it: the URL never holds the token, so a
     * gateway log line or a pasted command opens the manifest at most until the agent registered with it.
     */
    private Uni<Issued> issueImportToken(Cluster cluster, Caller caller, Instant now) {
        if (cluster.hasIdentityConflict()) {
            // The operator's answer to two agents fighting: both lose the credential now, and only the agent of
            // the new command (whose Deployment restarts with it) registers again.
            cluster.clearIdentityConflict(now);
            return agentSecrets.deleteById(cluster.id).flatMap(deleted -> issueImportToken(cluster, caller, now));
        }
        return importTokens.revokeOutstanding(cluster.id, now).flatMap(n -> firstImportToken(cluster, caller, now));
    }

    /**
     * {@link #issueImportToken} for a cluster created in this transaction: nothing can be outstanding for its new
     * id, so the bulk revocation (a statement, and a flush Hibernate runs before any bulk update) is left out of
     * the import path, whose cost bounds how fast a fleet is imported (issue #15).
     */
    private Uni<Issued> firstImportToken(Cluster cluster, Caller caller, Instant now) {
        String token = SecretTokens.generate();
        String handle = SecretTokens.generate();
        ManifestHandles.Sealed sealed = ManifestHandles.seal(handle, token);
        ImportMode mode = cluster.manifestMode();
        ImportToken issued = ImportToken.issue(cluster.id, SecretTokens.hash(token), mode, caller.name(), now,
                now.plus(config.importTokenTtl())).servedBy(SecretTokens.hash(handle), sealed.nonce(), sealed.body());
        return importTokens.persist(issued)
                .map(t -> new Issued(cluster, links.importCommand(handle, mode, issued.expiresAt)));
    }

    /** The cluster if the caller may see it; 404 alike when it does not exist or belongs to another project. */
    private Uni<Cluster> visible(UUID id) {
        Caller caller = currentCaller.get();
        return clusters.findById(id).map(cluster -> {
            if (cluster == null || !caller.canSee(cluster.project)) {
                throw Problems.clusterNotFound();
            }
            return cluster;
        });
    }

    private static void requireNotDeleting(Cluster cluster) {
        if (cluster.isDeleting()) {
            throw Problems.deleting();
        }
    }

    private static NewCluster canonical(NewCluster r) {
        return new NewCluster(r.name(), r.project(), r.cloudType(), r.importMode(), r.description(),
                r.labels() == null ? new TreeMap<>() : new TreeMap<>(r.labels()),
                r.agentNetwork() == null || r.agentNetwork().isEmpty() ? null : r.agentNetwork());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Now, to the microsecond PostgreSQL keeps, so a cluster reads back as it was written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Optional<UUID> parseUuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
