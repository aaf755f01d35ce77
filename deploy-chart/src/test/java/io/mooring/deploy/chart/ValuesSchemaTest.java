package io.mooring.deploy.chart;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** values.schema.json stops a wrong value at install time, before anything reaches the cluster. */
class ValuesSchemaTest {

    @Test
    void anUnknownRoutingTypeIsRefused() {
        assertThatThrownBy(() -> Chart.template(Variants.parse("routing: {type: traefik}")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/routing/type");
    }

    @Test
    void aPortThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> Chart.template(Variants.parse("postgresql: {port: five}")))
                .hasMessageContaining("/postgresql/port");
    }

    @Test
    void aMisspelledKeyIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> Chart.template(Variants.parse("networkPolicy: {enable: true}")))
                .hasMessageContaining("enable");
    }

    @Test
    void aMisspelledSettingOfOneServiceIsRefused() {
        assertThatThrownBy(() -> Chart.template(Variants.parse("services: {cost: {replica: 3}}")))
                .hasMessageContaining("/services/cost")
                .hasMessageContaining("replica");
    }

    @Test
    void anAgentSigningKeyWithNeitherASecretNorAPemIsRefused() {
        assertThatThrownBy(() -> Chart.template(Variants.parse("keys: {agentSigningKey: {existingSecret: ''}}")))
                .hasMessageContaining("/keys/agentSigningKey");
    }

    @Test
    void anAgentSigningKeyThatIsNotPkcs8IsRefused() {
        assertThatThrownBy(() -> Chart.template(Variants.parse("""
                keys:
                  agentSigningKey:
                    pem: |
                      -----BEGIN RSA PRIVATE KEY-----
                      MIIEowIBAAKCAQEA
                      -----END RSA PRIVATE KEY-----
                """)))
                .hasMessageContaining("/keys/agentSigningKey/pem");
    }

    @Test
    void aShortCursorSecretIsRefused() {
        assertThatThrownBy(() -> Chart.template(Variants.parse("keys: {cursorSecret: {value: short}}")))
                .hasMessageContaining("/keys/cursorSecret/value");
    }

    @Test
    void anIssuerThatIsNotAUrlIsRefused() {
        assertThatThrownBy(() -> Chart.template(Variants.parse("oidc: {issuer: keycloak}")))
                .hasMessageContaining("/oidc/issuer");
    }

    @Test
    void theDocumentedVariantsAreAccepted() {
        Variants.ALL.keySet().forEach(name ->
                assertThatCode(() -> Chart.template(Variants.values(name))).as(name).doesNotThrowAnyException());
    }
}
