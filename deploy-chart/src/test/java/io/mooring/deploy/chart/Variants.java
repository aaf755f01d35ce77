package io.mooring.deploy.chart;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The values of each variant docs/deployment.md documents, over the chart's own values.yaml. */
final class Variants {

    /** What every installation must give, the chart having no default for it (docs/deployment.md, "Sign-in"). */
    static final String REQUIRED = """
            oidc:
              issuer: https://kc.example.com/realms/mooring
            """;

    static final Map<String, String> ALL = new LinkedHashMap<>();

    static {
        ALL.put("defaults", "{}");
        ALL.put("ingress with hosts and TLS", """
                routing:
                  type: ingress
                  hosts: [mooring.example.com]
                  ingress:
                    className: nginx
                    tls: [{secretName: mooring-tls, hosts: [mooring.example.com]}]
                services:
                  registry:
                    publicUrl: https://mooring.example.com
                """);
        ALL.put("Gateway API route", """
                routing:
                  type: gatewayAPI
                  hosts: [mooring.example.com]
                  gatewayAPI:
                    parentRefs: [{name: shared-gateway, namespace: gateway-system, sectionName: https}]
                """);
        ALL.put("no routes", """
                routing:
                  type: none
                """);
        ALL.put("HPA on", """
                defaults:
                  autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 8, targetCPUUtilizationPercentage: 70}
                services:
                  registry:
                    replicas: 1
                    autoscaling: {enabled: false}
                    podDisruptionBudget: {enabled: false}
                """);
        ALL.put("NetworkPolicies on", """
                networkPolicy:
                  enabled: true
                  postgresql:
                    to: [{ipBlock: {cidr: 10.20.0.0/16}}]
                  kafka:
                    to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kafka}}}]
                    ports: [9092, 9093]
                  extraEgress:
                    - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: observability}}}]
                      ports: [{port: 4317, protocol: TCP}]
                """);
        ALL.put("ServiceMonitor on", """
                serviceMonitor:
                  enabled: true
                  interval: 15s
                  labels: {release: prometheus}
                networkPolicy:
                  enabled: true
                """);
        ALL.put("existing Secrets", """
                postgresql:
                  existingSecret: mooring-db
                  sslMode: verify-full
                keys:
                  agentSigningKey: {existingSecret: vault-agent-key, key: key.pem}
                  cursorSecret: {existingSecret: vault-cursor, key: secret}
                kafka:
                  bootstrapServers: b-1.kafka.example.com:9096,b-2.kafka.example.com:9096
                  securityProtocol: SASL_SSL
                  sasl:
                    mechanism: SCRAM-SHA-512
                    jaasConfigSecret: {name: kafka-credentials, key: sasl.jaas.config}
                  tls:
                    caSecret: {name: kafka-ca, key: ca.crt}
                """);
        ALL.put("keys and passwords in values", """
                postgresql:
                  databases:
                    registry: {database: mooring_registry, username: mooring_registry, passwordKey: registry-password, password: r-secret}
                    health: {database: mooring_health, username: mooring_health, passwordKey: health-password, password: h-secret}
                    addon: {database: mooring_addon, username: mooring_addon, passwordKey: addon-password, password: a-secret}
                    cost: {database: mooring_cost, username: mooring_cost, passwordKey: cost-password, password: c-secret}
                    notification: {database: mooring_notification, username: mooring_notification, passwordKey: notification-password, password: n-secret}
                keys:
                  agentSigningKey:
                    pem: |
                      -----BEGIN PRIVATE KEY-----
                      MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7
                      -----END PRIVATE KEY-----
                  cursorSecret:
                    value: 0123456789abcdef0123456789abcdef
                """);
        ALL.put("external OIDC issuer", """
                oidc:
                  issuer: https://login.microsoftonline.com/0b3f5d2e-8c41-4f7a-9d6e-2a1c7e9f4b10/v2.0
                  audience: api://mooring
                  rolesClaim: roles
                  roleNames:
                    viewer: Mooring.Viewer
                    operator: Mooring.Operator
                    admin: Mooring.Admin,Mooring.Owner
                  projectsClaim: extn.projects
                  jwksRefreshInterval: 10M
                """);
        ALL.put("Keycloak realm roles", """
                oidc:
                  issuer: https://kc.example.com/realms/mooring
                  rolesClaim: realm_access/roles
                networkPolicy:
                  enabled: true
                  oidc:
                    to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: keycloak}}}]
                    ports: [8443]
                """);
        ALL.put("three replicas", """
                defaults:
                  replicas: 3
                  podDisruptionBudget: {enabled: true, maxUnavailable: 1}
                  topologySpreadConstraints:
                    - maxSkew: 1
                      topologyKey: topology.kubernetes.io/zone
                      whenUnsatisfiable: ScheduleAnyway
                services:
                  cost:
                    replicas: 4
                """);
        ALL.put("console disabled", """
                console:
                  enabled: false
                networkPolicy:
                  enabled: true
                """);
        ALL.put("console with its own client", """
                oidc:
                  issuer: https://kc.internal.example.com/realms/mooring
                console:
                  replicas: 1
                  podDisruptionBudget: {enabled: false}
                  config:
                    issuer: https://login.example.com/realms/mooring
                    clientId: fleet-console
                    scope: openid profile
                routing:
                  type: gatewayAPI
                """);
        ALL.put("notification autoscaled, webhooks to listed hosts", """
                services:
                  notification:
                    autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 60}
                    webhooks:
                      allowedHosts: [hooks.example.com, "*.slack.com"]
                      allowPrivateAddresses: true
                      requireHttps: false
                """);
    }

    private Variants() {
    }

    /** The variant's values over {@link #REQUIRED}: what an operator would pass to {@code helm install -f}. */
    static Map<String, Object> values(String name) {
        String yaml = ALL.get(name);
        if (yaml == null) {
            throw new IllegalArgumentException("No variant " + name);
        }
        return withRequired(parse(yaml));
    }

    static Map<String, Object> withRequired(Map<String, Object> values) {
        return merge(parse(REQUIRED), values);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        over.forEach((key, value) -> merged.merge(key, value, (a, b) ->
                a instanceof Map && b instanceof Map ? merge((Map<String, Object>) a, (Map<String, Object>) b) : b));
        return merged;
    }

    static Map<String, Object> parse(String yaml) {
        try {
            Map<String, Object> values = Chart.YAML.readValue(yaml, new TypeReference<Map<String, Object>>() { });
            return values == null ? Map.of() : values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> all() {
        return ALL.keySet().stream().map(Arguments::of);
    }
}
