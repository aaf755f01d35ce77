package io.mooring.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Real infrastructure for a service's {@code @QuarkusTest}s: the JVM's Kafka broker, a fresh PostgreSQL
 * database for this application start (dropped afterwards), the token keys and the identity provider that
 * publishes them ({@link OidcIssuer#shared()}). The database name
 * prefix comes from the {@code database} init argument or the {@code mooring.test.database-prefix}
 * system property, defaulting to {@code mooring_test}.
 */
public class MooringTestResource implements QuarkusTestResourceLifecycleManager {

    private final PostgresServer postgres = PostgresServer.fromEnvironment();
    private String prefix = System.getProperty("mooring.test.database-prefix", "mooring_test");
    private String database;
    private boolean behindProxy;
    private static volatile TcpProxy postgresProxy;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database", prefix);
        behindProxy = Boolean.parseBoolean(initArgs.getOrDefault("postgres-behind-proxy", "false"));
    }

    /**
     * With init argument {@code postgres-behind-proxy=true}, the service reaches PostgreSQL through this
     * proxy, which a test can stop to simulate a database outage.
     */
    public static TcpProxy postgresProxy() {
        return postgresProxy;
    }

    @Override
    public Map<String, String> start() {
        database = postgres.createDatabase(prefix);
        KafkaBroker kafka = KafkaBroker.shared();
        KeyMaterial keys = KeyMaterial.shared();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        PostgresServer reachable = postgres;
        if (behindProxy) {
            postgresProxy = new TcpProxy(postgres.host(), postgres.port());
            reachable = new PostgresServer("127.0.0.1", postgresProxy.port(), postgres.user(), postgres.password());
        }
        config.put("quarkus.datasource.reactive.url", reachable.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", reachable.jdbcUrl(database));
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        OidcIssuer issuer = OidcIssuer.shared();
        config.put("mooring.security.user-issuer", issuer.issuer());
        config.put("mooring.security.agent-jwks-url", issuer.agentKeySetUrl());
        config.put("mooring.security.agent-issuer", KeyMaterial.AGENT_ISSUER);
        config.put("mooring.security.agent-key-id", KeyMaterial.AGENT_KEY_ID);
        config.put("mooring.agent-tokens.signing-key-location", keys.agentPrivateKeyFile().toString());
        return config;
    }

    @Override
    public void stop() {
        if (behindProxy && postgresProxy != null) {
            postgresProxy.close();
        }
        if (database != null) {
            postgres.dropDatabase(database);
        }
    }
}
