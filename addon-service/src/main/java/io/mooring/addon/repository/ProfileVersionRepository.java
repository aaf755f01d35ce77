package io.mooring.addon.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProfileVersionRepository implements PanacheRepositoryBase<ProfileVersionRecord, UUID> {

    public Uni<ProfileVersionRecord> byNameAndVersion(String name, String version) {
        return find("name = ?1 and version = ?2", name, version).firstResult();
    }

    /** Versions of a profile, highest precedence first, after the cursor position (exclusive). */
    public Uni<List<ProfileVersionRecord>> page(String name, String afterSortKey, String afterVersion, int limit) {
        if (afterSortKey == null) {
            return find("name = ?1 order by sortKey desc, version desc", name).page(0, limit).list();
        }
        return find("name = :name and (sortKey < :key or (sortKey = :key and version < :version))"
                + " order by sortKey desc, version desc",
                Parameters.with("name", name).and("key", afterSortKey).and("version", afterVersion))
                .page(0, limit).list();
    }

    /** The highest remaining version of a profile, if any. */
    public Uni<ProfileVersionRecord> latest(String name) {
        return find("name = ?1 order by sortKey desc, version desc", name).firstResult();
    }
}
