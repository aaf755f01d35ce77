package io.mooring.health.repository;

import io.mooring.support.db.CallerContext;
import io.smallrye.mutiny.Uni;

/** The repositories' short name for service-support's {@link CallerContext}. */
final class OnCaller {

    private OnCaller() {
    }

    static <T> Uni<T> stay(Uni<T> uni) {
        return CallerContext.stay(uni);
    }
}
