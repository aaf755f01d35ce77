package io.mooring.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Permission;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Agent tokens already verified, by their whole text, each kept until its {@code exp} and no longer. An agent
 * sends the same token every few seconds for its 15 minutes, and verifying it (JSON, key lookup, an RSA signature)
 * was 41 % of health-service's CPU under 1,000 agents. Agent tokens cannot be revoked one by one (a deleted
 * cluster's agent is refused by each service's tombstone), so a token verified once stays as good as verified
 * until it expires. User tokens are never kept: their provider may end sessions, and rotates its keys.
 * <p>
 * Filled by {@link TokenAugmentor} with the identity an agent token earned after its checks (a token of the wrong
 * shape is refused and never kept); served by {@link CachedAgentTokenProvider} before quarkus-oidc verifies
 * anything. Keyed by the whole token, so a token with another signature or payload is never a hit. Time is the
 * system clock, as quarkus-oidc's expiry check, not the services' injectable {@link Clock} bean, which tests move.
 * Caffeine: reads take no lock, eviction past {@code mooring.security.agent-token-cache.max-size} is amortized.
 */
@ApplicationScoped
public class AgentTokenCache {

    static final String VERIFICATIONS = "mooring.security.agent-token.verifications";
    static final String HITS = "mooring.security.agent-token.cache.hits";

    private final Clock clock;
    /** Null when switched off (max-size 0). */
    private final Cache<String, Entry> entries;
    private final Counter verifications;
    private final Counter hits;

    @Inject
    public AgentTokenCache(SecurityConfig config, MeterRegistry metrics) {
        this(config.agentTokenCache().maxSize(), Clock.systemUTC(), metrics);
    }

    AgentTokenCache(long maxSize, Clock clock, MeterRegistry metrics) {
        this.clock = clock;
        this.entries = maxSize <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new UntilTokenExpiry(clock))
                .build();
        this.verifications = Counter.builder(VERIFICATIONS)
                .description("Agent tokens verified (signature and claims) and accepted, rather than served from the cache")
                .register(metrics);
        this.hits = Counter.builder(HITS)
                .description("Agent tokens served from the cache of verified tokens, without verifying them again")
                .register(metrics);
        Gauge.builder("mooring.security.agent-token.cache.size", this, cache -> cache.entries == null ? 0
                : cache.entries.estimatedSize())
                .description("Verified agent tokens kept until they expire").register(metrics);
    }

    /**
     * The identity {@code token} earned when it was verified, for the request at hand (its routing and
     * authentication contexts); null unless the token is kept and has not expired.
     */
    SecurityIdentity serve(String token, RoutingContext routingContext, AuthenticationRequestContext context) {
        Entry entry = live(token);
        if (entry == null) {
            return null;
        }
        hits.increment();
        return entry.identity(routingContext, context);
    }

    /** Whether {@code token} is kept and has not expired. */
    boolean holds(String token) {
        return live(token) != null;
    }

    /**
     * Whether {@code identity} is one {@link #serve} made for {@code token}: it passed the augmentors' checks when the
     * token was verified, and holds the roles they gave it then.
     */
    boolean served(String token, SecurityIdentity identity) {
        if (entries == null || token == null) {
            return false;
        }
        Entry present = entries.getIfPresent(token);
        return present != null && present.principal() == identity.getPrincipal();
    }

    /** Keeps the identity an agent token earned, until {@code expiresAt} (its {@code exp}). */
    void verified(String token, Instant expiresAt, SecurityIdentity identity) {
        verifications.increment();
        if (entries != null && token != null && expiresAt != null && clock.instant().isBefore(expiresAt)) {
            entries.put(token, Entry.of(identity, expiresAt));
        }
    }

    long size() {
        if (entries == null) {
            return 0;
        }
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private Entry live(String token) {
        if (entries == null || token == null) {
            return null;
        }
        Entry entry = entries.getIfPresent(token);
        if (entry == null) {
            return null;
        }
        // The entry's own expiry, not only Caffeine's: it must never answer at or after exp.
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.asMap().remove(token, entry);
            return null;
        }
        return entry;
    }

    /**
     * What a verified identity holds, without what belongs to the request that verified it (quarkus-oidc puts the
     * routing context and the authentication context among the attributes): those are the serving request's, and a
     * kept request would keep its body in memory for 15 minutes. Permissions are copied: quarkus-oidc grants a
     * token's scopes as permissions, and adds no permission checker.
     */
    /** Never changed once built: read by any number of requests at once. */
    record Entry(Principal principal, Set<Credential> credentials, Set<String> roles, Set<Permission> permissions,
            Map<String, Object> attributes, Set<String> routingContextKeys, Set<String> requestContextKeys,
            Instant expiresAt) {

        static Entry of(SecurityIdentity identity, Instant expiresAt) {
            Map<String, Object> attributes = new HashMap<>();
            Set<String> routingContextKeys = new HashSet<>();
            Set<String> requestContextKeys = new HashSet<>();
            identity.getAttributes().forEach((name, value) -> {
                if (value instanceof RoutingContext) {
                    routingContextKeys.add(name);
                } else if (value instanceof AuthenticationRequestContext) {
                    requestContextKeys.add(name);
                } else {
                    attributes.put(name, value);
                }
            });
            // Not Map.copyOf: quarkus-oidc leaves some attributes null (a tenant with a public key and no discovery
            // has no configuration metadata), and a served identity must have them as a verified one does.
            return new Entry(identity.getPrincipal(), new HashSet<>(identity.getCredentials()),
                    new HashSet<>(identity.getRoles()), new HashSet<>(identity.getPermissions()), attributes,
                    routingContextKeys, requestContextKeys, expiresAt);
        }

        SecurityIdentity identity(RoutingContext routingContext, AuthenticationRequestContext context) {
            QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                    .setPrincipal(principal)
                    .addCredentials(credentials)
                    .addRoles(roles)
                    .addPermissions(permissions)
                    .addAttributes(attributes);
            if (routingContext != null) {
                routingContextKeys.forEach(name -> builder.addAttribute(name, routingContext));
            }
            if (context != null) {
                requestContextKeys.forEach(name -> builder.addAttribute(name, context));
            }
            return builder.build();
        }
    }

    /** Each entry lives until its token's {@code exp}, whatever was read or written since. */
    private record UntilTokenExpiry(Clock clock) implements Expiry<String, Entry> {

        @Override
        public long expireAfterCreate(String token, Entry entry, long currentTime) {
            return Math.max(0, Duration.between(clock.instant(), entry.expiresAt()).toNanos());
        }

        @Override
        public long expireAfterUpdate(String token, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(token, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
