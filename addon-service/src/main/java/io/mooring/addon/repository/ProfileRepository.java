package io.mooring.addon.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ProfileRepository implements PanacheRepositoryBase<ProfileRecord, String> {

    /** Profiles by name, after {@code after} (exclusive), optionally of one type and with a name prefix. */
    public Uni<List<ProfileRecord>> page(String type, String namePrefix, String after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (type != null) {
            query.append(" and type = :type");
            parameters.and("type", type);
        }
        if (namePrefix != null) {
            query.append(" and name like :prefix");
            parameters.and("prefix", namePrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            query.append(" and name > :after");
            parameters.and("after", after);
        }
        query.append(" order by name");
        return find(query.toString(), parameters).page(0, limit).list();
    }
}
