package io.mooring.support.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How to reach the broker, for the Kafka clients the service builds by hand (the outbox relay's producer, the
 * broker health check): the same security protocol, SASL and TLS settings as the messaging channels, so that a
 * broker that requires them is reached by every client, not by the channels only.
 */
@ApplicationScoped
public class KafkaConnection {

    /** The settings that say how to connect and authenticate; everything else stays each client's own. */
    private static final List<String> CONNECTION_PREFIXES = List.of("security.protocol", "sasl.", "ssl.",
            "client.dns.lookup", "ssl.engine.factory.class");

    private final Map<String, Object> connection;

    public KafkaConnection(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.connection = Map.copyOf(connectionSettings(kafkaConfig));
    }

    /** {@code settings} with the connection settings of {@code kafka.*} added; the client's own settings win. */
    public Map<String, Object> with(Map<String, Object> settings) {
        Map<String, Object> merged = new HashMap<>(connection);
        merged.putAll(settings);
        return merged;
    }

    static Map<String, Object> connectionSettings(Map<String, Object> kafkaConfig) {
        Map<String, Object> selected = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (value != null && CONNECTION_PREFIXES.stream().anyMatch(key::startsWith)) {
                selected.put(key, value);
            }
        });
        return selected;
    }
}
