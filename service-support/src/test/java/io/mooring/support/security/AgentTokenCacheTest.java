package io.mooring.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mooring.testsupport.OffsetClock;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The cache's own rules, without a service: expiry at exp, the bound, what a served identity holds. */
class AgentTokenCacheTest {

    private final OffsetClock clock = new OffsetClock();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @Test
    void aKeptTokenIsServedUntilItsExpiryAndNeverAtOrAfterIt() {
        AgentTokenCache cache = new AgentTokenCache(10, clock, metrics);
        Instant exp = clock.instant().plusSeconds(60);
        cache.verified("token-a", exp, identity("agent-a", null, null));

        assertThat(cache.serve("token-a", null, null).getPrincipal().getName()).isEqualTo("agent-a");
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.holds("token-a")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.serve("token-a", null, null)).isNull();
        assertThat(cache.holds("token-a")).isFalse();
        assertThat(count(AgentTokenCache.HITS)).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsNotKept() {
        AgentTokenCache cache = new AgentTokenCache(10, clock, metrics);
        cache.verified("token-a", clock.instant(), identity("agent-a", null, null));
        assertThat(cache.holds("token-a")).isFalse();
        assertThat(count(AgentTokenCache.VERIFICATIONS)).isEqualTo(1);
    }

    @Test
    void noMoreTokensThanTheMaximumSizeAreKept() {
        AgentTokenCache cache = new AgentTokenCache(3, clock, metrics);
        for (int i = 0; i < 50; i++) {
            cache.verified("token-" + i, clock.instant().plusSeconds(900), identity("agent-" + i, null, null));
        }
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void aMaximumSizeOfZeroKeepsNothing() {
        AgentTokenCache cache = new AgentTokenCache(0, clock, metrics);
        cache.verified("token-a", clock.instant().plusSeconds(900), identity("agent-a", null, null));
        assertThat(cache.serve("token-a", null, null)).isNull();
        cache.verified("token-a", clock.instant().plusSeconds(900), identity("agent-a", null, null));
        assertThat(count(AgentTokenCache.VERIFICATIONS)).isEqualTo(2);
    }

    @Test
    void aServedIdentityCarriesTheServingRequestNotTheVerifyingOne() {
        AgentTokenCache cache = new AgentTokenCache(10, clock, metrics);
        RoutingContext verifying = stub(RoutingContext.class);
        AuthenticationRequestContext verifyingContext = stub(AuthenticationRequestContext.class);
        cache.verified("token-a", clock.instant().plusSeconds(900), identity("agent-a", verifying, verifyingContext));

        RoutingContext serving = stub(RoutingContext.class);
        AuthenticationRequestContext servingContext = stub(AuthenticationRequestContext.class);
        SecurityIdentity served = cache.serve("token-a", serving, servingContext);

        assertThat(served.getRoles()).containsExactly(Roles.AGENT);
        assertThat(served.<String>getAttribute("tenant-id")).isEqualTo(AgentTenant.ID);
        assertThat(served.getAttributes()).containsEntry(RoutingContext.class.getName(), serving)
                .containsEntry(AuthenticationRequestContext.class.getName(), servingContext)
                .doesNotContainValue(verifying).doesNotContainValue(verifyingContext);
        assertThat(served.getPermissions()).isNotEmpty();
        assertThat(served.getAttributes()).containsEntry("configuration-metadata", null);
    }

    @Test
    void anIdentityServedFromTheCacheIsKnownAsServedAndAFreshlyVerifiedOneIsNot() {
        AgentTokenCache cache = new AgentTokenCache(10, clock, metrics);
        Instant exp = clock.instant().plusSeconds(900);
        SecurityIdentity verified = identity("agent-a", null, null);
        cache.verified("token-a", exp, verified);
        SecurityIdentity served = cache.serve("token-a", null, null);
        assertThat(cache.served("token-a", served)).isTrue();
        assertThat(cache.served("token-b", served)).isFalse();
        assertThat(count(AgentTokenCache.VERIFICATIONS)).isEqualTo(1);

        // The same token verified again by another request (a race between two first requests) is a verification,
        // and its identity is not one served from here.
        SecurityIdentity again = identity("agent-a", null, null);
        assertThat(cache.served("token-a", again)).isFalse();
        cache.verified("token-a", exp, again);
        assertThat(count(AgentTokenCache.VERIFICATIONS)).isEqualTo(2);
        assertThat(cache.served("token-a", served)).isFalse();
    }

    private double count(String counter) {
        return metrics.get(counter).counter().count();
    }

    private static SecurityIdentity identity(String name, RoutingContext routingContext,
            AuthenticationRequestContext context) {
        Principal principal = () -> name;
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder().setPrincipal(principal)
                .addRole(Roles.AGENT).addAttribute("tenant-id", AgentTenant.ID).addPermissionAsString("report")
                // quarkus-oidc leaves it null for a tenant configured with a public key (the registry's).
                .addAttribute("configuration-metadata", null);
        if (routingContext != null) {
            builder.addAttribute(RoutingContext.class.getName(), routingContext);
        }
        if (context != null) {
            builder.addAttribute(AuthenticationRequestContext.class.getName(), context);
        }
        return builder.build();
    }

    /** An object of the interface that answers nothing: only its identity matters here. */
    private static <T> T stub(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> method.getName().equals("equals") ? proxy == args[0]
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : null));
    }
}
