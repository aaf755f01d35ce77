package io.mooring.registry.service;

import io.fabric8.kubernetes.api.model.Quantity;
import io.mooring.registry.config.RegistryConfig;
import io.mooring.registry.domain.ImportToken;
import io.mooring.registry.repository.CleanupTokenRepository;
import io.mooring.registry.repository.ClusterRepository;
import io.mooring.registry.repository.ImportTokenRepository;
import io.mooring.support.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Serves the import and cleanup manifests behind their token URLs, without a user token. An unknown token
 * is 404; a spent, replaced or expired import token is 410 (fetching a manifest never spends the token: only
 * the agent's registration does).
 */
@Startup
@ApplicationScoped
public class ManifestService {

    private final ImportTokenRepository importTokens;
    private final CleanupTokenRepository cleanupTokens;
    private final ClusterRepository clusters;
    private final ImportLinks links;
    private final ManifestBuilder.AgentSettings agent;
    private final Clock clock;

    public ManifestService(ImportTokenRepository importTokens, CleanupTokenRepository cleanupTokens,
            ClusterRepository clusters, ImportLinks links, RegistryConfig config, Clock clock) {
        this.importTokens = importTokens;
        this.cleanupTokens = cleanupTokens;
        this.clusters = clusters;
        this.links = links;
        this.clock = clock;
        RegistryConfig.Agent settings = config.agent();
        this.agent = new ManifestBuilder.AgentSettings(settings.image(), settings.imagePullPolicy(),
                quantity("cpu-request", settings.cpuRequest()), quantity("memory-request", settings.memoryRequest()),
                quantity("cpu-limit", settings.cpuLimit()), quantity("memory-limit", settings.memoryLimit()));
    }

    /**
     * The manifest behind a URL's handle, holding the import token the handle unseals. Once the cluster's agent
     * registered with that token the URL is 410 for good: a leaked URL or log line is then worth nothing, and an
     * operator who needs the manifest again reissues the import command.
     */
    @WithSession
    public Uni<String> importManifest(String handle) {
        if (!SecretTokens.wellFormed(handle)) {
            return Uni.createFrom().failure(unknown());
        }
        Instant now = clock.instant();
        return importTokens.findByManifestHash(SecretTokens.hash(handle)).flatMap(found -> {
            if (found == null) {
                return Uni.createFrom().failure(unknown());
            }
            ImportToken.State state = found.state(now);
            if (state == ImportToken.State.SPENT) {
                return Uni.createFrom().failure(ProblemException.gone("The agent of this cluster has already"
                        + " registered with this manifest, so it is no longer served. To install the agent again,"
                        + " issue a new import command (POST /api/v1/clusters/{id}/import-command)."));
            }
            if (state != ImportToken.State.USABLE) {
                return Uni.createFrom().failure(ImportTokenRefusals.unusable(state));
            }
            // A token from before handles: its URL is the token itself.
            String token = found.manifestHash == null ? handle
                    : ManifestHandles.open(handle, found.sealNonce, found.sealedToken).orElse(null);
            if (token == null) {
                return Uni.createFrom().failure(unknown());
            }
            return clusters.findById(found.clusterId).map(cluster -> ManifestBuilder.importManifest(
                    new ManifestBuilder.ImportSpec(cluster.id, cluster.name, cluster.project, cluster.description,
                            found.importMode, links.platformUrl(), token, found.id, agent, cluster.agentNetwork())));
        });
    }

    @WithSession
    public Uni<String> cleanupManifest(String token) {
        if (!SecretTokens.wellFormed(token)) {
            return Uni.createFrom().failure(unknown());
        }
        Instant now = clock.instant();
        return cleanupTokens.findById(SecretTokens.hash(token)).map(found -> {
            if (found == null) {
                throw unknown();
            }
            if (!now.isBefore(found.expiresAt)) {
                throw ProblemException.gone("This cleanup manifest link has expired. The objects to delete are the"
                        + " namespace " + ManifestBuilder.NAMESPACE + " and the cluster roles and bindings named "
                        + ManifestBuilder.READ_ONLY_ROLE + " and " + ManifestBuilder.CLUSTER_ADMIN_BINDING + ".");
            }
            return ManifestBuilder.cleanupManifest();
        });
    }

    private static ProblemException unknown() {
        return ProblemException.notFound("Unknown manifest link.");
    }

    private static String quantity(String key, String value) {
        try {
            Quantity.getAmountInBytes(new Quantity(value));
            return value;
        } catch (RuntimeException e) {
            throw new IllegalStateException("mooring.registry.agent." + key + " is not a Kubernetes quantity: " + value,
                    e);
        }
    }
}
