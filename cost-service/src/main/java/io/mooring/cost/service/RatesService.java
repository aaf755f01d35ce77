package io.mooring.cost.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.cost.domain.ClusterRates;
import io.mooring.cost.domain.InstallationRates;
import io.mooring.cost.domain.NodeRate;
import io.mooring.cost.domain.RateCard;
import io.mooring.cost.domain.RateOverride;
import io.mooring.cost.domain.RateResolver;
import io.mooring.cost.repository.ClusterRateOverrideRecord;
import io.mooring.cost.repository.ClusterRateOverrideRepository;
import io.mooring.cost.repository.ClusterRecord;
import io.mooring.cost.repository.InstallationRatesRepository;
import io.mooring.cost.repository.NodeSpec;
import io.mooring.cost.repository.OverrideColumns;
import io.mooring.cost.repository.ProjectRateOverrideRecord;
import io.mooring.cost.repository.ProjectRateOverrideRepository;
import io.mooring.support.api.ProblemException;
import io.mooring.support.clusters.ClusterDirectory;
import io.mooring.support.clusters.ClusterVisibility.Tombstones;
import io.mooring.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rates in force: the installation's (API, else configuration), then project and cluster overrides. Reads run
 * in the caller's session (the accrual's transaction) or open one.
 */
@ApplicationScoped
public class RatesService {

    private static final TypeReference<List<NodeSpec>> NODES = new TypeReference<>() {
    };

    /** The installation rates in force and whether an admin set them ("api") or they are "configuration". */
    public record Installation(InstallationRates rates, String source, Instant updatedAt, String updatedBy) {
    }

    /** A cluster, the rates it is priced at, and what each node of its last inventory costs an hour. */
    public record ClusterPricing(UUID clusterId, String clusterName, String project, String cloudType,
            boolean deleted, ClusterRates rates, List<NodeRate> nodes) {
    }

    private final RateCard card;
    private final InstallationRates configured;
    private final InstallationRatesRepository installations;
    private final ProjectRateOverrideRepository projectOverrides;
    private final ClusterRateOverrideRepository clusterOverrides;
    private final ObjectMapper json;
    private final ClusterDirectory directory;

    public RatesService(RateCard card, InstallationRates configured, InstallationRatesRepository installations,
            ProjectRateOverrideRepository projectOverrides, ClusterRateOverrideRepository clusterOverrides,
            ObjectMapper json, ClusterDirectory directory) {
        this.card = card;
        this.configured = configured;
        this.installations = installations;
        this.projectOverrides = projectOverrides;
        this.clusterOverrides = clusterOverrides;
        this.json = json;
        this.directory = directory;
    }

    public RateCard card() {
        return card;
    }

    public InstallationRates configured() {
        return configured;
    }

    @WithSession
    public Uni<Installation> installation() {
        return installations.current()
                .map(record -> record == null
                        ? new Installation(configured, "configuration", null, null)
                        : new Installation(record.toDomain(), "api", record.updatedAt, record.updatedBy));
    }

    /** The rates of a cluster; session operations run one after the other, as a reactive session requires. */
    public Uni<ClusterRates> ratesFor(ClusterRecord cluster) {
        return installation().flatMap(installation ->
                projectOverrides.findById(cluster.project).flatMap(project ->
                        clusterOverrides.findById(cluster.id).map(own ->
                                new RateResolver(card, installation.rates()).resolve(
                                        ClusterTypes.pricing(cluster.cloudType), domain(project), domain(own)))));
    }

    /**
     * {@link #ratesFor} for many clusters (an accrual batch's) in three reads: the installation's rates, the
     * overrides of their projects, and their own overrides.
     */
    public Uni<Map<UUID, ClusterRates>> ratesForAll(List<ClusterRecord> clusters) {
        List<String> projects = clusters.stream().map(c -> c.project).distinct().toList();
        List<UUID> ids = clusters.stream().map(c -> c.id).toList();
        return installation().flatMap(installation ->
                projectOverrides.list("project in ?1", projects).flatMap(ofProjects ->
                        clusterOverrides.list("clusterId in ?1", ids).map(ofClusters -> {
                            Map<String, ProjectRateOverrideRecord> byProject = new HashMap<>();
                            ofProjects.forEach(o -> byProject.put(o.project, o));
                            Map<UUID, ClusterRateOverrideRecord> byCluster = new HashMap<>();
                            ofClusters.forEach(o -> byCluster.put(o.clusterId, o));
                            RateResolver resolver = new RateResolver(card, installation.rates());
                            Map<UUID, ClusterRates> rates = new HashMap<>();
                            for (ClusterRecord cluster : clusters) {
                                rates.put(cluster.id, resolver.resolve(ClusterTypes.pricing(cluster.cloudType),
                                        domain(byProject.get(cluster.project)), domain(byCluster.get(cluster.id))));
                            }
                            return rates;
                        })));
    }

    /** The rates of a cluster the caller may see, with its nodes priced; 404 whether it is unknown or invisible. */
    @WithSession
    public Uni<ClusterPricing> pricing(Caller caller, UUID id) {
        // A deleted cluster's rates stay visible, as its cost history does.
        return directory.visibleTo(id, caller, Tombstones.SHOWN)
                .flatMap(entry -> Panache.getSession().flatMap(session -> session.find(ClusterRecord.class, id)))
                .flatMap(cluster -> {
            if (cluster == null) {
                throw ProblemException.notFound("Cluster not found");
            }
            return ratesFor(cluster).map(rates -> new ClusterPricing(cluster.id, cluster.name, cluster.project,
                    cluster.cloudType, cluster.deleted(), rates,
                    nodes(cluster).stream().map(node -> rates.nodeRate(node.toNode())).toList()));
        });
    }

    private List<NodeSpec> nodes(ClusterRecord cluster) {
        if (cluster.lastNodes == null || cluster.lastNodes.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(cluster.lastNodes, NODES);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static RateOverride domain(OverrideColumns record) {
        return record == null ? null : record.toDomain();
    }
}
