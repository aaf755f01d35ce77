package io.mooring.registry.repository;

import io.mooring.events.CloudType;
import io.mooring.registry.domain.Cluster;
import io.mooring.registry.domain.ClusterCounts;
import io.mooring.registry.domain.ClusterStatus;
import io.mooring.registry.domain.ImportMode;
import io.mooring.registry.domain.LabelSelector;
import io.mooring.registry.domain.ClusterSort;
import io.mooring.registry.domain.PagePosition;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ClusterRepository implements PanacheRepositoryBase<Cluster, UUID> {

    /**
     * What a list may be narrowed to. {@code projects} null means every project (an admin); otherwise only
     * those. Null fields do not filter.
     */
    /** {@code nameContains} is a part of the name (letters, digits and dashes only: no LIKE wildcard). */
    public record Filter(Set<String> projects, String project, CloudType cloudType, ImportMode importMode,
            ClusterStatus status, String detectedProvider, LabelSelector labels, String nameContains) {
    }

    /**
     * Up to {@code limit} clusters after {@code after} (exclusive) in the sort's (key, id) order. Label requirements
     * are evaluated by PostgreSQL on the jsonb labels: a missing label reads as null.
     */
    public Uni<List<Cluster>> page(Filter filter, ClusterSort sort, PagePosition after, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.projects() != null) {
            where.add("c.project in :visible");
            parameters.and("visible", filter.projects());
        }
        if (filter.project() != null) {
            where.add("c.project = :project");
            parameters.and("project", filter.project());
        }
        if (filter.cloudType() != null) {
            where.add("c.cloudType = :cloudType");
            parameters.and("cloudType", filter.cloudType());
        }
        if (filter.importMode() != null) {
            where.add("c.importMode = :importMode");
            parameters.and("importMode", filter.importMode());
        }
        if (filter.status() != null) {
            where.add("c.status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.detectedProvider() != null) {
            where.add("c.detectedProvider = :detectedProvider");
            parameters.and("detectedProvider", filter.detectedProvider());
        }
        if (filter.nameContains() != null) {
            where.add("c.name like :nameContains");
            parameters.and("nameContains", "%" + filter.nameContains() + "%");
        }
        if (filter.labels() != null) {
            int i = 0;
            for (LabelSelector.Requirement requirement : filter.labels().requirements()) {
                String key = "lk" + i;
                String values = "lv" + i;
                String label = "jsonb_extract_path_text(c.labels, :" + key + ")";
                parameters.and(key, requirement.key());
                switch (requirement.operator()) {
                    case EXISTS -> where.add(label + " is not null");
                    case NOT_EXISTS -> where.add(label + " is null");
                    case EQUALS -> {
                        where.add(label + " = :" + values);
                        parameters.and(values, requirement.values().get(0));
                    }
                    case NOT_EQUALS -> {
                        where.add("(" + label + " is null or " + label + " <> :" + values + ")");
                        parameters.and(values, requirement.values().get(0));
                    }
                    case IN -> {
                        where.add(label + " in :" + values);
                        parameters.and(values, requirement.values());
                    }
                    case NOT_IN -> {
                        where.add("(" + label + " is null or " + label + " not in :" + values + ")");
                        parameters.and(values, requirement.values());
                    }
                }
                i++;
            }
        }
        if (after != null) {
            where.add(sort.after("c"));
            parameters.and("afterKey", after.key()).and("afterId", after.id());
        }
        String query = "from Cluster c" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by " + sort.orderBy("c");
        return find(query, parameters).page(0, limit).list();
    }

    /**
     * The clusters of {@code projects} (null: every project), or of {@code project} alone, counted per status, mode,
     * cloud type and detected provider by the database: a few dozen groups, whatever the fleet's size.
     */
    public Uni<List<ClusterCounts.Group>> countGroups(Set<String> projects, String project) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (projects != null) {
            where.add("c.project in :visible");
            parameters.and("visible", projects);
        }
        if (project != null) {
            where.add("c.project = :project");
            parameters.and("project", project);
        }
        String query = "select c.status, c.importMode, c.cloudType, c.detectedProvider, count(c) from Cluster c"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " group by c.status, c.importMode, c.cloudType, c.detectedProvider";
        return getSession().flatMap(session -> {
            var select = session.createSelectionQuery(query, Object[].class);
            parameters.map().forEach(select::setParameter);
            return select.getResultList();
        }).map(rows -> rows.stream().map(row -> new ClusterCounts.Group((ClusterStatus) row[0], (ImportMode) row[1],
                (CloudType) row[2], (String) row[3], (Long) row[4])).toList());
    }
}
