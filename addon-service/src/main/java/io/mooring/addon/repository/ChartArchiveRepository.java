package io.mooring.addon.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ChartArchiveRepository implements PanacheRepositoryBase<ChartArchiveRecord, String> {
}
