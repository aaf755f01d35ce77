package io.mooring.support.db;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings the result of a reactive pool query back to the Vert.x context of the code that asked for it. Under load
 * a pooled connection can complete on another request's context; a Hibernate Reactive transaction started from
 * there would look for its session in the wrong place.
 */
public final class CallerContext {

    private CallerContext() {
    }

    public static <T> Uni<T> stay(Uni<T> uni) {
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
