package io.mooring.notification.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RuleRepository implements PanacheRepositoryBase<RuleRecord, UUID> {

    /** The project's rules on {@code trigger} that apply to {@code clusterId} (those on all its clusters too). */
    public Uni<List<RuleRecord>> matching(String project, String trigger, UUID clusterId) {
        return list("project = ?1 and trigger = ?2 and (clusterId is null or clusterId = ?3) order by createdAt, id",
                project, trigger, clusterId);
    }

    public Uni<List<RuleRecord>> inProjects(Collection<String> projects, boolean all) {
        return all ? list("order by project, name") : list("project in ?1 order by project, name", projects);
    }
}
