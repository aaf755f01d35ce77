package io.mooring.health.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings the result of a pool query back to the Vert.x context of the code that asked for it. Under load a
 * pooled connection can complete on another request's context; a Hibernate Reactive transaction started from
 * there would look for its session in the wrong place. Still needed while the clusters table is read on the
 * pool: a heartbeat, an inventory and the sweep read a cluster there, then store through Hibernate. The
 * repositories on Panache do not need it (Hibernate Reactive completes on the caller's context).
 */
final class OnCaller {

    private OnCaller() {
    }

    static <T> Uni<T> stay(Uni<T> uni) {
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return uni;
        }
        return uni.emitOn(task -> {
            if (Vertx.currentContext() == caller) {
                task.run();
            } else {
                caller.runOnContext(v -> task.run());
            }
        });
    }
}
