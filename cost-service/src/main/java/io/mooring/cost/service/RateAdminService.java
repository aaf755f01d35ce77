package io.mooring.cost.service;

import io.mooring.cost.domain.InstallationRates;
import io.mooring.cost.domain.RateOverride;
import io.mooring.cost.repository.ClusterRateOverrideRecord;
import io.mooring.cost.repository.ClusterRecord;
import io.mooring.cost.repository.InstallationRatesRecord;
import io.mooring.cost.repository.ProjectRateOverrideRecord;
import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Changes to the installation rates and the overrides. They apply to what accrues from then on: cost already
 * accrued keeps the rates it was accrued at. Call inside a transaction (the resources do).
 */
@ApplicationScoped
public class RateAdminService {

    /** A cluster override with the cluster it belongs to. */
    public record ClusterOverride(ClusterRateOverrideRecord override, ClusterRecord cluster) {
    }

    public Uni<InstallationRatesRecord> setInstallation(InstallationRates rates, String by) {
        return Panache.getSession().flatMap(session -> session.find(InstallationRatesRecord.class,
                InstallationRatesRecord.ID).flatMap(found -> {
                    InstallationRatesRecord record = found != null ? found : new InstallationRatesRecord();
                    record.set(rates, by, Instant.now());
                    return (found != null ? Uni.createFrom().voidItem() : session.persist(record))
                            .flatMap(v -> session.flush()).replaceWith(record);
                }));
    }

    public Uni<Void> resetInstallation() {
        return Panache.getSession().flatMap(session -> session
                .createMutationQuery("delete from InstallationRatesRecord").executeUpdate()).replaceWithVoid();
    }

    public Uni<List<ProjectRateOverrideRecord>> projectOverrides() {
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery("from ProjectRateOverrideRecord order by project", ProjectRateOverrideRecord.class)
                .getResultList());
    }

    public Uni<List<ClusterOverride>> clusterOverrides() {
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery("select o, c from ClusterRateOverrideRecord o, ClusterRecord c"
                        + " where c.id = o.clusterId order by c.project, c.name, c.id", Object[].class)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new ClusterOverride((ClusterRateOverrideRecord) row[0], (ClusterRecord) row[1]))
                        .toList());
    }

    public Uni<ProjectRateOverrideRecord> projectOverride(String project) {
        return Panache.getSession().flatMap(session -> session.find(ProjectRateOverrideRecord.class, project))
                .map(found -> {
                    if (found == null) {
                        throw ProblemException.notFound("Project " + project + " has no rate override");
                    }
                    return found;
                });
    }

    public Uni<ProjectRateOverrideRecord> setProjectOverride(String project, RateOverride override, String by) {
        return Panache.getSession().flatMap(session -> session.find(ProjectRateOverrideRecord.class, project)
                .flatMap(found -> {
                    ProjectRateOverrideRecord record = found != null ? found : new ProjectRateOverrideRecord();
                    record.project = project;
                    record.set(override, by, Instant.now());
                    return (found != null ? Uni.createFrom().voidItem() : session.persist(record))
                            .flatMap(v -> session.flush()).replaceWith(record);
                }));
    }

    /** Removes the override; false when there was none. */
    public Uni<Boolean> deleteProjectOverride(String project) {
        return Panache.getSession().flatMap(session -> session
                .createMutationQuery("delete from ProjectRateOverrideRecord where project = :project")
                .setParameter("project", project).executeUpdate()).map(n -> n > 0);
    }

    /** The cluster, or 404: overrides are for clusters cost-service knows. */
    public Uni<ClusterRecord> cluster(UUID id) {
        return Panache.getSession().flatMap(session -> session.find(ClusterRecord.class, id)).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("Cluster " + id + " not found");
            }
            return found;
        });
    }

    public Uni<ClusterOverride> clusterOverride(UUID id) {
        return cluster(id).flatMap(cluster -> Panache.getSession()
                .flatMap(session -> session.find(ClusterRateOverrideRecord.class, id))
                .map(found -> {
                    if (found == null) {
                        throw ProblemException.notFound("Cluster " + id + " has no rate override");
                    }
                    return new ClusterOverride(found, cluster);
                }));
    }

    public Uni<ClusterOverride> setClusterOverride(UUID id, RateOverride override, String by) {
        return cluster(id).flatMap(cluster -> Panache.getSession().flatMap(session -> session
                .find(ClusterRateOverrideRecord.class, id)
                .flatMap(found -> {
                    ClusterRateOverrideRecord record = found != null ? found : new ClusterRateOverrideRecord();
                    record.clusterId = id;
                    record.set(override, by, Instant.now());
                    return (found != null ? Uni.createFrom().voidItem() : session.persist(record))
                            .flatMap(v -> session.flush())
                            .replaceWith(new ClusterOverride(record, cluster));
                })));
    }

    public Uni<Boolean> deleteClusterOverride(UUID id) {
        return cluster(id).flatMap(cluster -> Panache.getSession().flatMap(session -> session
                .createMutationQuery("delete from ClusterRateOverrideRecord where clusterId = :id")
                .setParameter("id", id).executeUpdate()).map(n -> n > 0));
    }

    /**
     * Replaces everything: the installation rates ({@code null}: back to the configuration's) and the complete
     * sets of overrides. Unknown clusters are refused before anything changes.
     */
    public Uni<Void> replaceAll(InstallationRates installation, Map<String, RateOverride> projects,
            Map<UUID, RateOverride> clusters, String by) {
        return Panache.getSession().flatMap(session -> {
            List<UUID> ids = new ArrayList<>(clusters.keySet());
            Uni<Void> check = ids.isEmpty() ? Uni.createFrom().voidItem()
                    : session.createSelectionQuery("select c.id from ClusterRecord c where c.id in :ids", UUID.class)
                            .setParameter("ids", ids).getResultList()
                            .map(known -> {
                                List<Problem.FieldError> errors = ids.stream()
                                        .filter(id -> !known.contains(id)).sorted()
                                        .map(id -> new Problem.FieldError("clusters." + id,
                                                "no such cluster"))
                                        .toList();
                                if (!errors.isEmpty()) {
                                    throw new ProblemException(400, "invalid-request", "Invalid request",
                                            "The request is not valid.", errors);
                                }
                                return null;
                            });
            return check
                    .flatMap(v -> installation == null ? resetInstallation() : setInstallation(installation, by).replaceWithVoid())
                    .flatMap(v -> session.createMutationQuery("delete from ProjectRateOverrideRecord").executeUpdate())
                    .flatMap(v -> session.createMutationQuery("delete from ClusterRateOverrideRecord").executeUpdate())
                    .flatMap(v -> persistAll(session, projects, clusters, by));
        });
    }

    private Uni<Void> persistAll(Mutiny.Session session, Map<String, RateOverride> projects,
            Map<UUID, RateOverride> clusters, String by) {
        Instant now = Instant.now();
        List<Object> records = new ArrayList<>();
        projects.forEach((project, override) -> {
            ProjectRateOverrideRecord record = new ProjectRateOverrideRecord();
            record.project = project;
            record.set(override, by, now);
            records.add(record);
        });
        clusters.forEach((id, override) -> {
            ClusterRateOverrideRecord record = new ClusterRateOverrideRecord();
            record.clusterId = id;
            record.set(override, by, now);
            records.add(record);
        });
        return records.isEmpty() ? Uni.createFrom().voidItem()
                : session.persistAll(records.toArray()).flatMap(v -> session.flush());
    }
}
