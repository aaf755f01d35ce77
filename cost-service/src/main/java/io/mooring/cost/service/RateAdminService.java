package io.mooring.cost.service;

import io.mooring.cost.domain.InstallationRates;
import io.mooring.cost.domain.RateOverride;
import io.mooring.cost.repository.ClusterRateOverrideRecord;
import io.mooring.cost.repository.ClusterRateOverrideRepository;
import io.mooring.cost.repository.ClusterRecord;
import io.mooring.cost.repository.InstallationRatesRecord;
import io.mooring.cost.repository.InstallationRatesRepository;
import io.mooring.cost.repository.OverrideColumns;
import io.mooring.cost.repository.ProjectRateOverrideRecord;
import io.mooring.cost.repository.ProjectRateOverrideRepository;
import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Changes to the installation rates and the overrides. They apply to what accrues from then on: cost already
 * accrued keeps the rates it was accrued at. Each change is one transaction.
 */
@ApplicationScoped
public class RateAdminService {

    /**
     * A project's or a cluster's override as stored: a null rate is not overridden. {@code project} for a project
     * override; {@code clusterId} and {@code clusterName} for a cluster's.
     */
    public record OverrideSetting(String project, UUID clusterId, String clusterName, BigDecimal cpuCoreHour,
            BigDecimal memoryGibHour, BigDecimal gpuHour, BigDecimal storageGibMonth,
            Map<String, BigDecimal> instancePrices, Instant updatedAt, String updatedBy) {

        static OverrideSetting of(ProjectRateOverrideRecord record) {
            return of(record.project, null, null, record);
        }

        static OverrideSetting of(ClusterRateOverrideRecord record, ClusterRecord cluster) {
            return of(null, cluster.id, cluster.name, record);
        }

        private static OverrideSetting of(String project, UUID clusterId, String clusterName, OverrideColumns record) {
            return new OverrideSetting(project, clusterId, clusterName, record.cpuCoreHour, record.memoryGibHour,
                    record.gpuHour, record.storageGibMonth, record.prices(), record.updatedAt, record.updatedBy);
        }
    }

    /** Everything that prices clusters besides the card: the installation rates and every override. */
    public record RateSettings(RatesService.Installation installation, List<OverrideSetting> projects,
            List<OverrideSetting> clusters) {
    }

    private final RatesService rates;
    private final InstallationRatesRepository installations;
    private final ProjectRateOverrideRepository projectOverrides;
    private final ClusterRateOverrideRepository clusterOverrides;

    public RateAdminService(RatesService rates, InstallationRatesRepository installations,
            ProjectRateOverrideRepository projectOverrides, ClusterRateOverrideRepository clusterOverrides) {
        this.rates = rates;
        this.installations = installations;
        this.projectOverrides = projectOverrides;
        this.clusterOverrides = clusterOverrides;
    }

    @WithSession
    public Uni<RateSettings> all() {
        return rates.installation().flatMap(installation -> projectOverrides.listByProject().flatMap(projects ->
                clusterOverrides.listWithClusters().map(clusters -> new RateSettings(installation,
                        projects.stream().map(OverrideSetting::of).toList(),
                        clusters.stream().map(c -> OverrideSetting.of(c.override(), c.cluster())).toList()))));
    }

    @WithTransaction
    public Uni<RatesService.Installation> setInstallation(InstallationRates rates, String by) {
        return installations.current().flatMap(found -> {
            InstallationRatesRecord record = found != null ? found : new InstallationRatesRecord();
            record.set(rates, by, Instant.now());
            return (found != null ? Uni.createFrom().voidItem() : installations.persist(record).replaceWithVoid())
                    .flatMap(v -> installations.flush())
                    .replaceWith(new RatesService.Installation(record.toDomain(), "api", record.updatedAt,
                            record.updatedBy));
        });
    }

    /** Back to the configured rates; the rates now in force. */
    @WithTransaction
    public Uni<RatesService.Installation> resetInstallation() {
        return installations.deleteAll().flatMap(n -> rates.installation());
    }

    @WithSession
    public Uni<OverrideSetting> projectOverride(String project) {
        return projectOverrides.findById(project).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("Project " + project + " has no rate override");
            }
            return OverrideSetting.of(found);
        });
    }

    @WithTransaction
    public Uni<OverrideSetting> setProjectOverride(String project, RateOverride override, String by) {
        return projectOverrides.findById(project).flatMap(found -> {
            ProjectRateOverrideRecord record = found != null ? found : new ProjectRateOverrideRecord();
            record.project = project;
            record.set(override, by, Instant.now());
            return (found != null ? Uni.createFrom().voidItem() : projectOverrides.persist(record).replaceWithVoid())
                    .flatMap(v -> projectOverrides.flush()).replaceWith(() -> OverrideSetting.of(record));
        });
    }

    /** Removes the override; false when there was none. */
    @WithTransaction
    public Uni<Boolean> deleteProjectOverride(String project) {
        return projectOverrides.delete("project", project).map(n -> n > 0);
    }

    /** The cluster, or 404: overrides are for clusters cost-service knows. */
    private Uni<ClusterRecord> cluster(UUID id) {
        return Panache.getSession().flatMap(session -> session.find(ClusterRecord.class, id)).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("Cluster " + id + " not found");
            }
            return found;
        });
    }

    @WithSession
    public Uni<OverrideSetting> clusterOverride(UUID id) {
        return cluster(id).flatMap(cluster -> clusterOverrides.findById(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("Cluster " + id + " has no rate override");
            }
            return OverrideSetting.of(found, cluster);
        }));
    }

    @WithTransaction
    public Uni<OverrideSetting> setClusterOverride(UUID id, RateOverride override, String by) {
        return cluster(id).flatMap(cluster -> clusterOverrides.findById(id).flatMap(found -> {
            ClusterRateOverrideRecord record = found != null ? found : new ClusterRateOverrideRecord();
            record.clusterId = id;
            record.set(override, by, Instant.now());
            return (found != null ? Uni.createFrom().voidItem() : clusterOverrides.persist(record).replaceWithVoid())
                    .flatMap(v -> clusterOverrides.flush())
                    .replaceWith(() -> OverrideSetting.of(record, cluster));
        }));
    }

    /** Removes the override of a known cluster (404 for an unknown one); false when there was none. */
    @WithTransaction
    public Uni<Boolean> deleteClusterOverride(UUID id) {
        return cluster(id).flatMap(cluster -> clusterOverrides.delete("clusterId", id)).map(n -> n > 0);
    }

    /**
     * Replaces everything: the installation rates ({@code null}: back to the configuration's) and the complete
     * sets of overrides. Unknown clusters are refused before anything changes. Answers what is now in force.
     */
    @WithTransaction
    public Uni<RateSettings> replaceAll(InstallationRates installation, Map<String, RateOverride> projects,
            Map<UUID, RateOverride> clusters, String by) {
        List<UUID> ids = new ArrayList<>(clusters.keySet());
        Uni<Void> check = ids.isEmpty() ? Uni.createFrom().voidItem()
                : Panache.getSession().flatMap(session -> session
                        .createSelectionQuery("select c.id from ClusterRecord c where c.id in :ids", UUID.class)
                        .setParameter("ids", ids).getResultList())
                        .map(known -> {
                            List<Problem.FieldError> errors = ids.stream()
                                    .filter(id -> !known.contains(id)).sorted()
                                    .map(id -> new Problem.FieldError("clusters." + id, "no such cluster"))
                                    .toList();
                            if (!errors.isEmpty()) {
                                throw new ProblemException(400, "invalid-request", "Invalid request",
                                        "The request is not valid.", errors);
                            }
                            return null;
                        });
        return check
                .flatMap(v -> installation == null ? installations.deleteAll().replaceWithVoid()
                        : setInstallation(installation, by).replaceWithVoid())
                .flatMap(v -> projectOverrides.deleteAll())
                .flatMap(v -> clusterOverrides.deleteAll())
                .flatMap(v -> persistAll(projects, clusters, by))
                .flatMap(v -> all());
    }

    private Uni<Void> persistAll(Map<String, RateOverride> projects, Map<UUID, RateOverride> clusters, String by) {
        Instant now = Instant.now();
        List<ProjectRateOverrideRecord> projectRecords = new ArrayList<>();
        projects.forEach((project, override) -> {
            ProjectRateOverrideRecord record = new ProjectRateOverrideRecord();
            record.project = project;
            record.set(override, by, now);
            projectRecords.add(record);
        });
        List<ClusterRateOverrideRecord> clusterRecords = new ArrayList<>();
        clusters.forEach((id, override) -> {
            ClusterRateOverrideRecord record = new ClusterRateOverrideRecord();
            record.clusterId = id;
            record.set(override, by, now);
            clusterRecords.add(record);
        });
        if (projectRecords.isEmpty() && clusterRecords.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return projectOverrides.persist(projectRecords)
                .flatMap(v -> clusterOverrides.persist(clusterRecords))
                .flatMap(v -> clusterOverrides.flush());
    }
}
