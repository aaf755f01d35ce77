package io.mooring.support.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token from {@link AgentTokenCache} before quarkus-oidc's identity provider verifies it. The
 * identity provider manager asks the providers of a request type in descending priority and stops at the first
 * identity; a null answer (not kept, expired, or not an agent token) passes the token on to quarkus-oidc, whose
 * provider keeps the default priority. quarkus-oidc's bearer mechanism does nothing heavy before it reaches the
 * manager: it resolves the tenant ({@link AgentTenant}, which answers a kept token from the cache too) and wraps
 * the token in the request. The augmentors ({@link TokenAugmentor}) run on a served identity as on a verified one.
 */
@ApplicationScoped
public class CachedAgentTokenProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final AgentTokenCache cache;

    public CachedAgentTokenProvider(AgentTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(cache.serve(request.getToken().getToken(),
                HttpSecurityUtils.getRoutingContextAttribute(request), context));
    }
}
