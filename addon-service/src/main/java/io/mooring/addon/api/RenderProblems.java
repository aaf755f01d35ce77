package io.mooring.addon.api;

import io.mooring.addon.service.RenderBusyException;
import io.mooring.support.api.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Rendering capacity exhausted: 503 problem+json with {@code Retry-After}, so clients back off and retry. */
public class RenderProblems {

    @ServerExceptionMapper
    public Response busy(RenderBusyException e) {
        return Response.status(503).type("application/problem+json")
                .header("Retry-After", Integer.toString(RenderBusyException.RETRY_AFTER_SECONDS))
                .entity(new Problem(Problem.TYPE_BASE + "render-busy", "Rendering capacity exhausted", 503,
                        e.getMessage(), List.of()))
                .build();
    }
}
