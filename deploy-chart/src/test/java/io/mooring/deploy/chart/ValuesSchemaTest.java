package io.mooring.deploy.chart;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** values.schema.json stops a wrong value at install time, before anything reaches the cluster. */
class ValuesSchemaTest {

    /** Values that differ from a valid installation only by what a test puts in. */
    private static Map<String, Object> values(String yaml) {
        return Variants.withRequired(Variants.parse(yaml));
    }

    @Test
    void anUnknownRoutingTypeIsRefused() {
        assertThatThrownBy(() -> Chart.template(values("routing: {type: traefik}")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/routing/type");
    }

    @Test
    void aPortThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> Chart.template(values("postgresql: {port: five}")))
                .hasMessageContaining("/postgresql/port");
    }

    @Test
    void aMisspelledKeyIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> Chart.template(values("networkPolicy: {enable: true}")))
                .hasMessageContaining("enable");
    }

    @Test
    void aMisspelledSettingOfOneServiceIsRefused() {
        assertThatThrownBy(() -> Chart.template(values("services: {cost: {replica: 3}}")))
                .hasMessageContaining("/services/cost")
                .hasMessageContaining("replica");
    }

    @Test
    void anAgentSigningKeyWithNeitherASecretNorAPemIsRefused() {
        assertThatThrownBy(() -> Chart.template(values("keys: {agentSigningKey: {existingSecret: ''}}")))
                .hasMessageContaining("/keys/agentSigningKey");
    }

    @Test
    void anAgentSigningKeyThatIsNotPkcs8IsRefused() {
        assertThatThrownBy(() -> Chart.template(values("""
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
        assertThatThrownBy(() -> Chart.template(values("keys: {cursorSecret: {value: short}}")))
                .hasMessageContaining("/keys/cursorSecret/value");
    }

    @Test
    void anIssuerThatIsNotAUrlIsRefused() {
        assertThatThrownBy(() -> Chart.template(values("oidc: {issuer: keycloak}")))
                .hasMessageContaining("/oidc/issuer");
    }

    @Test
    void anInstallWithoutAnIssuerIsRefusedWithAMessageThatSaysWhatToSet() {
        assertThatThrownBy(() -> Chart.template(Variants.parse("{}")))
                .hasMessageContaining("oidc.issuer is required")
                .hasMessageContaining("OpenID Connect provider");
    }

    @Test
    void anEmptyIssuerIsRefusedLikeAMissingOne() {
        assertThatThrownBy(() -> Chart.template(Variants.parse("oidc: {issuer: ''}")))
                .hasMessageContaining("oidc.issuer is required");
    }

    @Test
    void aRoleNameListWithAnEmptyEntryIsRefused() {
        assertThatThrownBy(() -> Chart.template(values("oidc: {roleNames: {admin: 'Mooring.Admin,,'}}")))
                .hasMessageContaining("/oidc/roleNames/admin");
    }

    @Test
    void aRefreshIntervalThatIsNotADurationIsRefused() {
        assertThatThrownBy(() -> Chart.template(values("oidc: {jwksRefreshInterval: 5 minutes}")))
                .hasMessageContaining("/oidc/jwksRefreshInterval");
    }

    @Test
    void theJwksFileSettingIsGoneAndNamingItIsRefused() {
        assertThatThrownBy(() -> Chart.template(values("keys: {jwks: {existingSecret: mooring-jwks}}")))
                .hasMessageContaining("jwks");
    }

    @Test
    void aMisspelledConsoleSettingIsRefused() {
        assertThatThrownBy(() -> Chart.template(values("console: {config: {clientID: web}}")))
                .hasMessageContaining("/console/config")
                .hasMessageContaining("clientID");
    }

    @Test
    void aWebhookHostThatIsAUrlRatherThanAHostIsRefused() {
        assertThatThrownBy(() -> Chart.template(values(
                "services: {notification: {webhooks: {allowedHosts: ['https://hooks.example.com/x']}}}")))
                .hasMessageContaining("/services/notification/webhooks/allowedHosts");
    }

    @Test
    void theDocumentedVariantsAreAccepted() {
        Variants.ALL.keySet().forEach(name ->
                assertThatCode(() -> Chart.template(Variants.values(name))).as(name).doesNotThrowAnyException());
    }
}
