package io.mooring.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** What each documented variant changes in the rendered installation. */
class ChartVariantsTest {

    private static final Map<String, Integer> PORTS = Map.of("registry", 8081, "health", 8082, "addon", 8083, "cost", 8084,
            "notification", 8085);

    @Test
    void theDefaultsInstallFourServicesWithProbesBudgetsAndTwoReplicasEach() {
        List<ObjectNode> objects = Chart.render(Variants.values("defaults"));

        PORTS.forEach((key, port) -> {
            String name = "mooring-" + key;
            ObjectNode deployment = Chart.named(objects, "Deployment", name);
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
            assertThat(container.path("image").asText()).isEqualTo("mooring/" + key + "-service:0.1.0");
            assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(port);
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
            assertThat(container.path("resources").path("requests").isEmpty()).isFalse();
            assertThat(Chart.named(objects, "Service", name).at("/spec/ports/0/port").asInt()).isEqualTo(port);
            assertThat(Chart.named(objects, "ServiceAccount", name).path("automountServiceAccountToken").asBoolean(true))
                    .isFalse();
            assertThat(Chart.named(objects, "PodDisruptionBudget", name).at("/spec/maxUnavailable").asInt()).isEqualTo(1);
            assertThat(deployment.at("/metadata/labels")).isEqualTo(deployment.at("/spec/template/metadata/labels"));
            assertThat(deployment.at("/metadata/labels/app.kubernetes.io~1part-of").asText()).isEqualTo("mooring");
            Map<String, String> env = env(deployment);
            assertThat(env).containsEntry("QUARKUS_HTTP_PORT", String.valueOf(port))
                    .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL",
                            "postgresql://postgresql.example.svc:5432/mooring_" + key)
                    .containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                            "jdbc:postgresql://postgresql.example.svc:5432/mooring_" + key)
                    .containsEntry("QUARKUS_DATASOURCE_USERNAME", "mooring_" + key)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka.example.svc:9092")
                    .containsEntry("MOORING_SECURITY_USER_ISSUER", "https://kc.example.com/realms/mooring")
                    .containsEntry("MOORING_SECURITY_AUDIENCE", "mooring")
                    .containsEntry("MOORING_SECURITY_ROLES_CLAIM", "groups")
                    .containsEntry("MOORING_SECURITY_PROJECTS_CLAIM", "projects")
                    // Left to the services' defaults (mooring-viewer..., 5M) rather than repeated here.
                    .doesNotContainKeys("MOORING_SECURITY_ROLE_NAMES_VIEWER", "MOORING_SECURITY_ROLE_NAMES_OPERATOR",
                            "MOORING_SECURITY_ROLE_NAMES_ADMIN", "MOORING_SECURITY_JWKS_REFRESH_INTERVAL")
                    // The services no longer read a JWKS file: users' keys come by discovery.
                    .doesNotContainKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION")
                    .containsKeys("QUARKUS_DATASOURCE_PASSWORD", "MOORING_PAGING_CURSOR_SECRET");
        });
        assertThat(Chart.ofKind(objects, "HorizontalPodAutoscaler")).isEmpty();
        assertThat(Chart.ofKind(objects, "NetworkPolicy")).isEmpty();
        assertThat(Chart.ofKind(objects, "ServiceMonitor")).isEmpty();
        assertThat(Chart.ofKind(objects, "Ingress")).hasSize(2);
    }

    @Test
    void onlyTheRegistryGetsTheSigningKeyAndTheOthersFetchItsJwksFromItsService() {
        List<ObjectNode> objects = Chart.render(Variants.values("defaults"));

        Map<String, String> registry = env(Chart.named(objects, "Deployment", "mooring-registry"));
        assertThat(registry).containsEntry("MOORING_AGENT_TOKENS_SIGNING_KEY_LOCATION",
                "/etc/mooring/agent/agent-signing-key.pem").doesNotContainKey("MOORING_SECURITY_AGENT_JWKS_URL");
        assertThat(volumeSecret(Chart.named(objects, "Deployment", "mooring-registry"), "agent-signing-key"))
                .isEqualTo("mooring-agent-signing-key");
        for (String key : List.of("health", "addon", "cost", "notification")) {
            ObjectNode deployment = Chart.named(objects, "Deployment", "mooring-" + key);
            assertThat(env(deployment))
                    .containsEntry("MOORING_SECURITY_AGENT_JWKS_URL",
                            "http://mooring-registry:8081/api/v1/agent/jwks.json")
                    .doesNotContainKey("MOORING_AGENT_TOKENS_SIGNING_KEY_LOCATION");
            assertThat(volumeSecret(deployment, "agent-signing-key")).isNull();
        }
    }

    @Test
    void anExternalIssuerWithItsOwnClaimsAndRoleNamesReachesEveryServiceUnderTheAgreedNames() {
        List<ObjectNode> objects = Chart.render(Variants.values("external OIDC issuer"));

        assertThat(serviceDeployments(objects)).hasSize(5);
        for (ObjectNode deployment : serviceDeployments(objects)) {
            assertThat(env(deployment))
                    .containsEntry("MOORING_SECURITY_USER_ISSUER",
                            "https://login.microsoftonline.com/0b3f5d2e-8c41-4f7a-9d6e-2a1c7e9f4b10/v2.0")
                    .containsEntry("MOORING_SECURITY_AUDIENCE", "api://mooring")
                    .containsEntry("MOORING_SECURITY_ROLES_CLAIM", "roles")
                    .containsEntry("MOORING_SECURITY_ROLE_NAMES_VIEWER", "Mooring.Viewer")
                    .containsEntry("MOORING_SECURITY_ROLE_NAMES_OPERATOR", "Mooring.Operator")
                    .containsEntry("MOORING_SECURITY_ROLE_NAMES_ADMIN", "Mooring.Admin,Mooring.Owner")
                    .containsEntry("MOORING_SECURITY_PROJECTS_CLAIM", "extn.projects")
                    .containsEntry("MOORING_SECURITY_JWKS_REFRESH_INTERVAL", "10M")
                    .doesNotContainKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
            assertThat(deployment.at("/spec/template/spec/volumes").toString()).doesNotContain("jwks");
            assertThat(deployment.at("/spec/template/spec/containers/0/volumeMounts").toString()).doesNotContain("jwks");
        }
    }

    @Test
    void aNestedRolesClaimIsPassedAsTheSlashPathTheServicesRead() {
        List<ObjectNode> objects = Chart.render(Variants.values("Keycloak realm roles"));

        assertThat(serviceDeployments(objects)).allSatisfy(deployment ->
                assertThat(env(deployment)).containsEntry("MOORING_SECURITY_ROLES_CLAIM", "realm_access/roles"));
    }

    @Test
    void autoscalingHandsTheReplicaCountToAnHpaPerServiceAndOneServiceCanSwitchOffWhatTheDefaultsSwitchOn() {
        List<ObjectNode> objects = Chart.render(Variants.values("HPA on"));

        List<ObjectNode> hpas = Chart.ofKind(objects, "HorizontalPodAutoscaler");
        assertThat(hpas).extracting(hpa -> hpa.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("mooring-health", "mooring-addon", "mooring-cost", "mooring-notification");
        assertThat(Chart.named(objects, "Deployment", "mooring-registry").at("/spec/replicas").asInt()).isEqualTo(1);
        // The console keeps its own budget: it is not a service and `defaults` do not reach it.
        assertThat(Chart.ofKind(objects, "PodDisruptionBudget")).extracting(pdb -> pdb.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("mooring-health", "mooring-addon", "mooring-cost", "mooring-notification",
                        "mooring-console");
        assertThat(hpas).allSatisfy(hpa -> {
            assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
            assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(8);
            assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(70);
            assertThat(Chart.named(objects, "Deployment", hpa.at("/spec/scaleTargetRef/name").asText())
                    .at("/spec").has("replicas")).isFalse();
        });
    }

    @Test
    void replicasAreSetPerServiceOverTheDefault() {
        List<ObjectNode> objects = Chart.render(Variants.values("three replicas"));

        assertThat(Chart.named(objects, "Deployment", "mooring-registry").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(Chart.named(objects, "Deployment", "mooring-cost").at("/spec/replicas").asInt()).isEqualTo(4);
        JsonNode spread = Chart.named(objects, "Deployment", "mooring-cost").at("/spec/template/spec/topologySpreadConstraints");
        assertThat(spread).hasSize(2);
        assertThat(spread.get(0).path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
        assertThat(spread.get(1).path("topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
        // Each constraint counts this service's own pods only.
        assertThat(spread).allSatisfy(constraint -> assertThat(
                constraint.at("/labelSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("cost-service"));
    }

    @Test
    void networkPoliciesLetInOnlyTheIngressNamespaceAndMooringAndLetOutOnlyWhatEachServiceNeeds() {
        List<ObjectNode> objects = Chart.render(Variants.values("NetworkPolicies on"));

        assertThat(Chart.ofKind(objects, "NetworkPolicy")).hasSize(6);
        List<ObjectNode> policies = withoutConsole(Chart.ofKind(objects, "NetworkPolicy"));
        assertThat(policies).hasSize(5);
        for (ObjectNode policy : policies) {
            assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
            // Only the registry takes requests from the other services (its agent JWKS).
            assertThat(policy.at("/spec/ingress")).hasSize(policy.at("/metadata/name").asText().equals("mooring-registry") ? 2 : 1);
            assertThat(policy.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                    .asText()).isEqualTo("ingress-nginx");
            String egress = policy.at("/spec/egress").toString();
            assertThat(egress).contains("10.20.0.0/16", "\"port\":5432", "\"port\":9093", "\"port\":53", "\"port\":4317");
        }
        String addonEgress = Chart.named(objects, "NetworkPolicy", "mooring-addon").at("/spec/egress").toString();
        assertThat(addonEgress).contains("0.0.0.0/0", "\"port\":443", "10.0.0.0/8");
        // Every service reaches the OpenID Connect provider: by default any address on 443, as its address is unknown.
        for (ObjectNode policy : policies) {
            assertThat(egressOnPort(policy, 443)).as(Chart.id(policy))
                    .anySatisfy(rule -> assertThat(rule.at("/to/0/ipBlock/cidr").asText()).isEqualTo("0.0.0.0/0"));
        }
        String webhookEgress = Chart.named(objects, "NetworkPolicy", "mooring-notification").at("/spec/egress").toString();
        assertThat(webhookEgress).contains("0.0.0.0/0", "\"port\":443", "10.0.0.0/8");
        assertThat(egressOnPort(Chart.named(objects, "NetworkPolicy", "mooring-notification"), 80)).isEmpty();
        String costEgress = Chart.named(objects, "NetworkPolicy", "mooring-cost").at("/spec/egress").toString();
        assertThat(costEgress).contains("\"port\":8081");
        // Only addon-service downloads charts: the others go out to the internet only on the provider's port.
        assertThat(egressOnPort(Chart.named(objects, "NetworkPolicy", "mooring-cost"), 80)).isEmpty();
        // The console's pods serve files: requests from the ingress controller only, and nothing goes out.
        ObjectNode console = Chart.named(objects, "NetworkPolicy", "mooring-console");
        assertThat(console.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
        assertThat(console.at("/spec/egress")).isEmpty();
        assertThat(console.at("/spec/ingress")).hasSize(1);
        assertThat(console.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                .asText()).isEqualTo("ingress-nginx");
    }

    @Test
    void theProvidersEgressCanBeNarrowedToWhereItRuns() {
        List<ObjectNode> objects = Chart.render(Variants.values("Keycloak realm roles"));

        for (ObjectNode policy : withoutConsole(Chart.ofKind(objects, "NetworkPolicy"))) {
            List<JsonNode> toProvider = egressOnPort(policy, 8443);
            assertThat(toProvider).as(Chart.id(policy)).hasSize(1);
            assertThat(toProvider.get(0).at("/to/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                    .isEqualTo("keycloak");
            // Only addon-service (charts) and notification-service (webhooks) go out to the internet on 443.
            assertThat(egressOnPort(policy, 443)).as(Chart.id(policy))
                    .allSatisfy(rule -> assertThat(Chart.id(policy))
                            .isIn("NetworkPolicy/mooring-addon", "NetworkPolicy/mooring-notification"));
        }
    }

    private static List<JsonNode> egressOnPort(JsonNode policy, int port) {
        return StreamSupport.stream(policy.at("/spec/egress").spliterator(), false)
                .filter(rule -> StreamSupport.stream(rule.path("ports").spliterator(), false)
                        .anyMatch(p -> p.path("port").asInt() == port))
                .toList();
    }

    @Test
    void aServiceMonitorScrapesEachServicesMetricsAndPrometheusMayReachThem() {
        List<ObjectNode> objects = Chart.render(Variants.values("ServiceMonitor on"));

        List<ObjectNode> monitors = Chart.ofKind(objects, "ServiceMonitor");
        assertThat(monitors).hasSize(5).allSatisfy(monitor -> {
            assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
            assertThat(monitor.at("/spec/endpoints/0/interval").asText()).isEqualTo("15s");
            assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
            ObjectNode service = Chart.named(objects, "Service", monitor.at("/metadata/name").asText());
            assertThat(service.at("/metadata/labels").toString())
                    .contains(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText());
        });
        assertThat(withoutConsole(Chart.ofKind(objects, "NetworkPolicy"))).hasSize(5).allSatisfy(policy ->
                assertThat(policy.at("/spec/ingress").toString()).contains("\"kubernetes.io/metadata.name\":\"monitoring\""));
        // nginx has no /q/metrics: nothing scrapes the console.
        assertThat(Chart.named(objects, "NetworkPolicy", "mooring-console").at("/spec/ingress").toString())
                .doesNotContain("monitoring");
    }

    @Test
    void existingSecretsAreReferencedAndTheChartMakesNoSecretOfItsOwn() {
        List<ObjectNode> objects = Chart.render(Variants.values("existing Secrets"));

        assertThat(Chart.ofKind(objects, "Secret")).isEmpty();
        ObjectNode registry = Chart.named(objects, "Deployment", "mooring-registry");
        assertThat(volumeSecret(registry, "agent-signing-key")).isEqualTo("vault-agent-key");
        assertThat(volumeSecret(registry, "kafka-ca")).isEqualTo("kafka-ca");
        Map<String, String> env = env(registry);
        assertThat(env).containsEntry("MOORING_AGENT_TOKENS_SIGNING_KEY_LOCATION", "/etc/mooring/agent/key.pem")
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/mooring/kafka/ca.crt")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "verify-full")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                        "jdbc:postgresql://postgresql.example.svc:5432/mooring_registry?sslmode=verify-full");
        assertThat(secretRef(registry, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("mooring-db/registry-password");
        assertThat(secretRef(registry, "MOORING_PAGING_CURSOR_SECRET")).isEqualTo("vault-cursor/secret");
        assertThat(secretRef(registry, "KAFKA_SASL_JAAS_CONFIG")).isEqualTo("kafka-credentials/sasl.jaas.config");
    }

    @Test
    void keysAndPasswordsGivenAsValuesBecomeSecretsTheChartOwns() {
        List<ObjectNode> objects = Chart.render(Variants.values("keys and passwords in values"));

        ObjectNode passwords = Chart.named(objects, "Secret", "mooring-postgresql");
        assertThat(passwords.at("/stringData/cost-password").asText()).isEqualTo("c-secret");
        assertThat(Chart.named(objects, "Secret", "mooring-agent-signing-key").at("/stringData/agent-signing-key.pem")
                .asText()).startsWith("-----BEGIN PRIVATE KEY-----");
        ObjectNode cursor = Chart.named(objects, "Secret", "mooring-cursor-secret");
        assertThat(cursor.at("/stringData/cursor-secret").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
        ObjectNode cost = Chart.named(objects, "Deployment", "mooring-cost");
        assertThat(secretRef(cost, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("mooring-postgresql/cost-password");
    }

    @Test
    void aChangedSecretRollsThePodsButARenderWithTheSameValuesDoesNot() {
        String before = checksum(Chart.render(Variants.values("keys and passwords in values")));
        String again = checksum(Chart.render(Variants.values("keys and passwords in values")));
        String rotated = Variants.ALL.get("keys and passwords in values").replace("c-secret", "c-rotated");
        String after = checksum(Chart.render(Variants.withRequired(Variants.parse(rotated))));

        assertThat(again).isEqualTo(before);
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void theRoutesFollowTheChosenType() {
        assertThat(Chart.ofKind(Chart.render(Variants.values("Gateway API route")), "HTTPRoute")).hasSize(2)
                .allSatisfy(route -> assertThat(route.at("/spec/parentRefs/0/name").asText()).isEqualTo("shared-gateway"));
        assertThat(Chart.ofKind(Chart.render(Variants.values("Gateway API route")), "Ingress")).isEmpty();
        List<ObjectNode> none = Chart.render(Variants.values("no routes"));
        assertThat(Chart.ofKind(none, "Ingress")).isEmpty();
        assertThat(Chart.ofKind(none, "HTTPRoute")).isEmpty();
        ObjectNode ingress = Chart.named(Chart.render(Variants.values("ingress with hosts and TLS")), "Ingress", "mooring");
        assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo("nginx");
        assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("mooring.example.com");
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("mooring-tls");
    }

    private static String checksum(List<ObjectNode> objects) {
        return Chart.named(objects, "Deployment", "mooring-registry")
                .at("/spec/template/metadata/annotations/checksum~1secrets").asText();
    }

    @Test
    void theWebhookHostPolicyReachesNotificationServiceOnlyAndItsDefaultsAreTheSafeOnes() {
        Map<String, String> defaults = env(Chart.named(Chart.render(Variants.values("defaults")), "Deployment",
                "mooring-notification"));
        assertThat(defaults).containsEntry("MOORING_NOTIFICATION_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "false")
                .containsEntry("MOORING_NOTIFICATION_WEBHOOKS_REQUIRE_HTTPS", "true")
                .doesNotContainKey("MOORING_NOTIFICATION_WEBHOOKS_ALLOWED_HOSTS");

        List<ObjectNode> objects = Chart.render(Variants.values("notification autoscaled, webhooks to listed hosts"));
        assertThat(env(Chart.named(objects, "Deployment", "mooring-notification")))
                .containsEntry("MOORING_NOTIFICATION_WEBHOOKS_ALLOWED_HOSTS", "hooks.example.com,*.slack.com")
                .containsEntry("MOORING_NOTIFICATION_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true")
                .containsEntry("MOORING_NOTIFICATION_WEBHOOKS_REQUIRE_HTTPS", "false");
        for (ObjectNode deployment : serviceDeployments(objects)) {
            if (!Chart.id(deployment).equals("Deployment/mooring-notification")) {
                assertThat(env(deployment).keySet()).as(Chart.id(deployment))
                        .noneMatch(name -> name.startsWith("MOORING_NOTIFICATION_"));
            }
        }
    }

    @Test
    void notificationServiceAloneCanBeAutoscaledWhileTheOthersKeepTheirReplicas() {
        List<ObjectNode> objects = Chart.render(Variants.values("notification autoscaled, webhooks to listed hosts"));

        List<ObjectNode> hpas = Chart.ofKind(objects, "HorizontalPodAutoscaler");
        assertThat(hpas).hasSize(1);
        ObjectNode hpa = hpas.get(0);
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("mooring-notification");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(5);
        assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(60);
        assertThat(Chart.named(objects, "Deployment", "mooring-notification").at("/spec").has("replicas")).isFalse();
        assertThat(Chart.named(objects, "PodDisruptionBudget", "mooring-notification").at("/spec/maxUnavailable").asInt())
                .isEqualTo(1);
        assertThat(Chart.named(objects, "Deployment", "mooring-cost").at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void theConsoleIsStaticFilesWithItsSignInConfigurationFromTheIssuerAndWritableNginxDirectoriesOnly() {
        List<ObjectNode> objects = Chart.render(Variants.values("defaults"));

        JsonNode config = Chart.parseJson(Chart.named(objects, "ConfigMap", "mooring-console").at("/data/config.json").asText());
        assertThat(config.path("issuer").asText()).isEqualTo("https://kc.example.com/realms/mooring");
        assertThat(config.path("clientId").asText()).isEqualTo("mooring-console");
        assertThat(config.path("scope").asText()).isEqualTo("openid");
        assertThat(config.path("rolesClaim").asText()).isEqualTo("groups");
        assertThat(config.path("projectsClaim").asText()).isEqualTo("projects");

        ObjectNode deployment = Chart.named(objects, "Deployment", "mooring-console");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(container.path("image").asText()).isEqualTo("mooring/console:0.1.0");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        // docker/console/nginx.conf writes under these two only; config.json comes read-only from the ConfigMap.
        Map<String, Boolean> mounts = new LinkedHashMap<>();
        container.path("volumeMounts").forEach(m ->
                mounts.put(m.path("mountPath").asText(), m.path("readOnly").asBoolean(false)));
        assertThat(mounts).containsExactlyInAnyOrderEntriesOf(
                Map.of("/tmp", false, "/var/cache/nginx", false, "/etc/mooring/console", true));
        assertThat(pod.path("volumes").toString()).contains("\"configMap\":{\"name\":\"mooring-console\"");
        assertThat(StreamSupport.stream(pod.path("volumes").spliterator(), false)
                .filter(v -> v.has("emptyDir")).map(v -> v.path("name").asText())).containsExactlyInAnyOrder("tmp", "cache");
        assertThat(Chart.named(objects, "Service", "mooring-console").at("/spec/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(Chart.named(objects, "ServiceAccount", "mooring-console").path("automountServiceAccountToken")
                .asBoolean(true)).isFalse();
        assertThat(Chart.named(objects, "PodDisruptionBudget", "mooring-console").at("/spec/maxUnavailable").asInt())
                .isEqualTo(1);
        assertThat(env(deployment)).isEmpty();
    }

    @Test
    void theConsoleCanSignInWithItsOwnClientAndAnIssuerUrlOfItsOwn() {
        List<ObjectNode> objects = Chart.render(Variants.values("console with its own client"));

        JsonNode config = Chart.parseJson(Chart.named(objects, "ConfigMap", "mooring-console").at("/data/config.json").asText());
        assertThat(config.path("issuer").asText()).isEqualTo("https://login.example.com/realms/mooring");
        assertThat(config.path("clientId").asText()).isEqualTo("fleet-console");
        assertThat(config.path("scope").asText()).isEqualTo("openid profile");
        assertThat(env(Chart.named(objects, "Deployment", "mooring-registry")))
                .containsEntry("MOORING_SECURITY_USER_ISSUER", "https://kc.internal.example.com/realms/mooring");
        assertThat(Chart.named(objects, "Deployment", "mooring-console").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(Chart.ofKind(objects, "PodDisruptionBudget")).extracting(Chart::id)
                .doesNotContain("PodDisruptionBudget/mooring-console").hasSize(5);
    }

    @Test
    void aDisabledConsoleLeavesNoObjectAndNoRouteBehind() {
        List<ObjectNode> objects = Chart.render(Variants.values("console disabled"));

        assertThat(objects).extracting(Chart::id).noneMatch(id -> id.endsWith("/mooring-console"));
        assertThat(Chart.ofKind(objects, "NetworkPolicy")).hasSize(5);
        assertThat(Chart.named(objects, "Ingress", "mooring").at("/spec/rules/0/http/paths").toString())
                .doesNotContain("\"path\":\"/\"").doesNotContain("console");
        assertThat(serviceDeployments(objects)).hasSize(5);
    }

    private static List<ObjectNode> serviceDeployments(List<ObjectNode> objects) {
        return withoutConsole(Chart.ofKind(objects, "Deployment"));
    }

    private static List<ObjectNode> withoutConsole(List<ObjectNode> objects) {
        return objects.stream().filter(o -> !o.at("/metadata/name").asText().equals("mooring-console")).toList();
    }

    static Map<String, String> env(JsonNode deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        deployment.at("/spec/template/spec/containers/0/env")
                .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText(null)));
        return env;
    }

    private static String secretRef(JsonNode deployment, String name) {
        return StreamSupport.stream(deployment.at("/spec/template/spec/containers/0/env").spliterator(), false)
                .filter(e -> e.path("name").asText().equals(name))
                .map(e -> e.at("/valueFrom/secretKeyRef"))
                .map(ref -> ref.path("name").asText() + "/" + ref.path("key").asText())
                .findFirst().orElse(null);
    }

    private static String volumeSecret(JsonNode deployment, String volume) {
        return StreamSupport.stream(deployment.at("/spec/template/spec/volumes").spliterator(), false)
                .filter(v -> v.path("name").asText().equals(volume))
                .map(v -> v.at("/secret/secretName").asText())
                .findFirst().orElse(null);
    }
}
