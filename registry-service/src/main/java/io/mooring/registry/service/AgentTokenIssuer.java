package io.mooring.registry.service;

import io.mooring.registry.config.AgentTokenConfig;
import io.mooring.support.security.Roles;
import io.mooring.support.security.SecurityConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Signs the short-lived agent JWT: issuer {@code mooring.security.agent-issuer}, header {@code kid}
 * {@code mooring.security.agent-key-id}, {@code sub} the cluster id, {@code groups} [mooring-agent].
 */
@ApplicationScoped
public class AgentTokenIssuer {

    /** A signed token and when it stops being accepted. */
    public record AccessToken(String token, Instant expiresAt) {
    }

    private final AgentSigningKey key;
    private final AgentTokenConfig config;
    private final SecurityConfig security;
    private final Clock clock;

    public AgentTokenIssuer(AgentSigningKey key, AgentTokenConfig config, SecurityConfig security, Clock clock) {
        this.key = key;
        this.config = config;
        this.security = security;
        this.clock = clock;
    }

    public AccessToken issue(UUID clusterId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.ttl());
        String token = Jwt.issuer(security.agentIssuer())
                .subject(clusterId.toString())
                .audience(security.audience())
                .groups(Set.of(Roles.AGENT))
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString())
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(key.keyId())
                .sign(key.privateKey());
        return new AccessToken(token, expiresAt);
    }
}
