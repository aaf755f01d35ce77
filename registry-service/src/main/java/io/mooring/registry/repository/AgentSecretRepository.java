package io.mooring.registry.repository;

import io.mooring.registry.domain.AgentSecret;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class AgentSecretRepository implements PanacheRepositoryBase<AgentSecret, UUID> {
}
