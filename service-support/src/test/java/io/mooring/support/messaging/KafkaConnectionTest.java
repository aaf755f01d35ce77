package io.mooring.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    private final KafkaConnection connection = new KafkaConnection(Map.of(
            "bootstrap.servers", "broker:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.location", "/etc/kafka/ca.p12",
            "group.id", "health-service",
            "auto.offset.reset", "earliest"));

    @Test
    void handBuiltClientsGetTheChannelsSecuritySettings() {
        Map<String, Object> settings = connection.with(Map.of("bootstrap.servers", "broker:9093", "acks", "all"));

        assertThat(settings).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config")
                .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                .containsEntry("acks", "all");
    }

    @Test
    void consumerSettingsOfTheChannelsDoNotLeakIntoOtherClients() {
        assertThat(connection.with(Map.of())).doesNotContainKeys("group.id", "auto.offset.reset", "bootstrap.servers");
    }

    @Test
    void aClientsOwnSettingWinsOverTheSharedOne() {
        assertThat(connection.with(Map.of("security.protocol", "PLAINTEXT")))
                .containsEntry("security.protocol", "PLAINTEXT");
    }
}
