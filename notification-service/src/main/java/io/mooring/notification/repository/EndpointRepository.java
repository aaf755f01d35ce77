package io.mooring.notification.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EndpointRepository implements PanacheRepositoryBase<EndpointRecord, UUID> {

    public Uni<List<EndpointRecord>> enabledIn(String project) {
        return list("project = ?1 and enabled = true order by createdAt, id", project);
    }

    public Uni<List<EndpointRecord>> inProjects(Collection<String> projects, boolean all) {
        return all ? list("order by project, name") : list("project in ?1 order by project, name", projects);
    }
}
