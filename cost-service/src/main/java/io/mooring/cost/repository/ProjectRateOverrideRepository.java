package io.mooring.cost.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ProjectRateOverrideRepository implements PanacheRepositoryBase<ProjectRateOverrideRecord, String> {

    public Uni<List<ProjectRateOverrideRecord>> listByProject() {
        return listAll(Sort.by("project"));
    }
}
