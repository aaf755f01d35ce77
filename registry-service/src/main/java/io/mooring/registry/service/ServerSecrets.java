package io.mooring.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The registry's keyed helpers. Their keys derive from the agent signing key, so every instance of the
 * registry agrees on them without another secret to distribute; rotating the signing key invalidates page
 * cursors (400, start the list again) and stored idempotent answers (the retry is refused, use a new key).
 */
@ApplicationScoped
public class ServerSecrets {

    @Produces
    @Singleton
    CursorCodec cursorCodec(AgentSigningKey key) {
        return new CursorCodec(key.derive("page-cursor-v1"));
    }

    @Produces
    @Singleton
    IdempotencyCipher idempotencyCipher(AgentSigningKey key) {
        return new IdempotencyCipher(key.derive("idempotency-v1"));
    }
}
