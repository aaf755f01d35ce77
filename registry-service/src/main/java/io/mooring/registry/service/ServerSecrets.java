package io.mooring.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The registry's keyed helpers. Their keys derive from the agent signing key, so every instance of the
 * registry agrees on them without another secret to distribute; rotating the signing key invalidates stored
 * idempotent answers (the retry is refused, use a new key). Page cursors are signed by the shared
 * {@link io.mooring.support.api.PageCursors} ({@code mooring.paging.cursor-secret}).
 */
@ApplicationScoped
public class ServerSecrets {

    @Produces
    @Singleton
    IdempotencyCipher idempotencyCipher(AgentSigningKey key) {
        return new IdempotencyCipher(key.derive("idempotency-v1"));
    }
}
