package io.mooring.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's routes send every request where the gateway (docker/gateway/nginx.conf, the routing table the local
 * stack reads too) sends it, with the same path: one request for each alternative of each of the gateway's
 * locations, plus requests no API location takes, which the gateway's `location /` gives the console (and which the
 * chart leaves unrouted when the console is off). The gateway is read the way the local stack's GatewayRoutes
 * reads it (regex locations in order, then the longest prefix); the routes as their APIs define them: Prefix and
 * PathPrefix match whole segments and the longest wins, and the regular-expression paths are tried first, which
 * ingress-nginx does by ordering longer paths first and Gateway API implementations such as Envoy Gateway and
 * Istio do by ranking RegularExpression above PathPrefix.
 */
class GatewayRoutesTest {

    private static final Pattern LOCATION = Pattern.compile(
            "location\\s+(~\\s+)?(\\S+)\\s*\\{\\s*proxy_pass\\s+http://([a-z0-9-]+)(/[^;\\s]*)?\\s*;\\s*}");
    private static final Pattern STATIC_FILE = Pattern.compile(
            "location\\s+=\\s+(\\S+)\\s*\\{\\s*default_type\\s+[^;\\s]+\\s*;\\s*alias\\s+[^;\\s]+\\s*;\\s*}");
    /** The console's location: `location / { root ...; }`, every request no other location takes. */
    private static final Pattern CONSOLE = Pattern.compile("location\\s+(/)\\s*\\{\\s*root\\s+[^;\\s]+\\s*;\\s*}");
    /** No API route takes these: the gateway sends them to the console (its files, or its 404). */
    private static final List<String> UNROUTED = List.of("/", "/q/metrics", "/q/health", "/registry/q/metrics",
            "/health/q/health", "/api/v1/clusterz", "/api/v2/clusters", "/api/v1/admin/other", "/api/v1/fleet",
            "/api/v1/clusters/c-1/healthz", "/api/v1/agentx", "/cost/q/dev");

    record Target(String upstream, String uri) {
    }

    /** One route of the chart: a match and where it sends the request. */
    record Route(boolean regex, String path, String upstream, String rewrite) {
    }

    private static final List<Route> NGINX_REGEX = new ArrayList<>();
    private static final List<Route> NGINX_PREFIX = new ArrayList<>();
    private static final Set<String> NGINX_FILES = new LinkedHashSet<>();
    private static final Set<String> SAMPLES = new LinkedHashSet<>();

    @BeforeAll
    static void readTheGateway() throws IOException {
        String conf = Files.readString(Path.of(System.getProperty("mooring.gateway.conf", "../docker/gateway/nginx.conf")))
                .replaceAll("(?m)#.*$", "");
        Matcher m = LOCATION.matcher(conf);
        while (m.find()) {
            if (m.group(1) != null) {
                NGINX_REGEX.add(new Route(true, m.group(2), m.group(3), null));
                SAMPLES.addAll(expand(m.group(2).replaceFirst("^\\^", "")));
            } else {
                NGINX_PREFIX.add(new Route(false, m.group(2), m.group(3), m.group(4) == null ? m.group(2) : m.group(4)));
                SAMPLES.add(m.group(2));
                SAMPLES.add(m.group(2) + "?format=json");
            }
        }
        Matcher console = CONSOLE.matcher(conf);
        assertThat(console.find()).as("the gateway's console location").isTrue();
        NGINX_PREFIX.add(new Route(false, console.group(1), "console", console.group(1)));
        Matcher file = STATIC_FILE.matcher(conf);
        while (file.find()) {
            NGINX_FILES.add(file.group(1));
        }
        SAMPLES.addAll(UNROUTED);
        assertThat(NGINX_REGEX).hasSizeGreaterThan(10);
        assertThat(NGINX_PREFIX).hasSizeGreaterThan(10);
    }

    @Test
    void theHttpRoutesSendEveryRequestWhereTheGatewayDoes() {
        List<ObjectNode> objects = Chart.render(Variants.values("Gateway API route"));
        List<Route> routes = new ArrayList<>();
        for (ObjectNode route : Chart.ofKind(objects, "HTTPRoute")) {
            for (JsonNode rule : route.at("/spec/rules")) {
                String upstream = upstream(rule.at("/backendRefs/0/name").asText());
                String rewrite = null;
                for (JsonNode filter : rule.path("filters")) {
                    rewrite = filter.at("/urlRewrite/path/replacePrefixMatch").asText(null);
                }
                for (JsonNode match : rule.path("matches")) {
                    String type = match.at("/path/type").asText();
                    assertThat(type).isIn("PathPrefix", "RegularExpression");
                    routes.add(new Route(type.equals("RegularExpression"), match.at("/path/value").asText(), upstream,
                            rewrite));
                }
            }
        }

        assertRoutesLikeTheGateway(routes, true, true);
    }

    @Test
    void theIngressesSendEveryRequestWhereTheGatewayDoes() {
        assertRoutesLikeTheGateway(ingressRoutes(Chart.render(Variants.values("defaults"))), false, true);
    }

    @Test
    void withoutTheConsoleTheIngressesSendEveryApiRequestWhereTheGatewayDoesAndLeaveTheRestUnrouted() {
        assertRoutesLikeTheGateway(ingressRoutes(Chart.render(Variants.values("console disabled"))), false, false);
    }

    @Test
    void theConsoleRouteIsTheLastAndShortestSoEveryApiRouteWinsOverIt() {
        List<ObjectNode> ingress = Chart.render(Variants.values("defaults"));
        JsonNode paths = Chart.named(ingress, "Ingress", "mooring").at("/spec/rules/0/http/paths");
        JsonNode last = paths.get(paths.size() - 1);
        assertThat(last.path("path").asText()).isEqualTo("/");
        assertThat(last.path("pathType").asText()).isEqualTo("Prefix");
        assertThat(last.at("/backend/service/name").asText()).isEqualTo("mooring-console");
        paths.forEach(p -> assertThat(p == last || p.path("path").asText().length() > 1).isTrue());

        List<ObjectNode> gatewayApi = Chart.render(Variants.values("Gateway API route"));
        JsonNode rules = Chart.named(gatewayApi, "HTTPRoute", "mooring").at("/spec/rules");
        JsonNode lastRule = rules.get(rules.size() - 1);
        assertThat(lastRule.at("/matches/0/path/value").asText()).isEqualTo("/");
        assertThat(lastRule.at("/matches/0/path/type").asText()).isEqualTo("PathPrefix");
        assertThat(lastRule.path("matches")).hasSize(1);
        assertThat(lastRule.at("/backendRefs/0/name").asText()).isEqualTo("mooring-console");
        assertThat(lastRule.at("/backendRefs/0/port").asInt()).isEqualTo(8080);
        // An HTTPRoute holds at most 16 rules.
        assertThat(rules.size()).isLessThanOrEqualTo(16);
        assertThat(Chart.named(gatewayApi, "HTTPRoute", "mooring-service-paths").at("/spec/rules").size())
                .isLessThanOrEqualTo(16);
    }

    @Test
    void theConsoleImageServesTheDocumentsTheGatewayServesItselfAtTheSamePaths() throws IOException {
        String conf = Files.readString(Path.of(System.getProperty("mooring.console.conf", "../docker/console/nginx.conf")))
                .replaceAll("(?m)#.*$", "");
        Set<String> served = new LinkedHashSet<>();
        Matcher file = STATIC_FILE.matcher(conf);
        while (file.find()) {
            served.add(file.group(1));
        }
        assertThat(NGINX_FILES).isNotEmpty();
        assertThat(served).containsAll(NGINX_FILES).contains("/config.json");
        assertThat(CONSOLE.matcher(conf).find()).as("the console at /").isTrue();
    }

    private static List<Route> ingressRoutes(List<ObjectNode> objects) {
        List<Route> routes = new ArrayList<>();
        for (ObjectNode ingress : Chart.ofKind(objects, "Ingress")) {
            String rewrite = ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1rewrite-target").asText(null);
            for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
                String type = path.path("pathType").asText();
                assertThat(type).isIn("Prefix", "ImplementationSpecific");
                routes.add(new Route(type.equals("ImplementationSpecific"), path.path("path").asText(),
                        upstream(path.at("/backend/service/name").asText()), rewrite));
            }
        }
        // ingress-nginx tries the locations of a host longest first: a regex path must outrank every prefix path
        // that can match the same requests (those under the same first segment).
        for (Route regex : routes.stream().filter(Route::regex).toList()) {
            routes.stream()
                    .filter(r -> !r.regex() && firstSegment(r.path()).equals(firstSegment(regex.path())))
                    .forEach(prefix -> assertThat(regex.path().length()).as(regex.path() + " vs " + prefix.path())
                            .isGreaterThan(prefix.path().length()));
        }
        return routes;
    }

    private static void assertRoutesLikeTheGateway(List<Route> routes, boolean gatewayApi, boolean console) {
        Map<String, Optional<Target>> gateway = new LinkedHashMap<>();
        List<String> differences = new ArrayList<>();
        for (String sample : SAMPLES) {
            // Without the console, what the gateway gives the console has no route at all.
            gateway.put(sample, nginx(sample).filter(target -> console || !target.upstream().equals("console")));
            Optional<Target> chart = resolve(routes, sample, gatewayApi);
            if (!chart.equals(gateway.get(sample))) {
                differences.add(sample + ": the gateway sends it to " + gateway.get(sample) + ", the chart to " + chart);
            }
        }
        for (String file : NGINX_FILES) {
            // The gateway serves these itself (the merged OpenAPI document, the event contract); in the cluster the
            // console's nginx does, at the same paths (theConsoleImageServesTheDocuments...), and without the
            // console nothing does, which NOTES.txt and docs/deployment.md say.
            assertThat(resolve(routes, file, gatewayApi)).as(file)
                    .isEqualTo(console ? Optional.of(new Target("console", file)) : Optional.empty());
        }

        assertThat(differences).isEmpty();
        assertThat(gateway.values().stream().filter(Optional::isPresent).count()).isGreaterThan(40);
        assertThat(SAMPLES).contains("/api/v1/clusters/c-1/inventory/sub/resource", "/api/v1/clusters/c-1/rates");
    }

    private static Optional<Target> nginx(String uri) {
        String path = pathOf(uri);
        for (Route route : NGINX_REGEX) {
            if (Pattern.compile(route.path()).matcher(path).find()) {
                return Optional.of(new Target(route.upstream(), uri));
            }
        }
        return NGINX_PREFIX.stream()
                .filter(r -> uri.startsWith(r.path()))
                .max((a, b) -> Integer.compare(a.path().length(), b.path().length()))
                .map(r -> new Target(r.upstream(), r.rewrite() + uri.substring(r.path().length())));
    }

    private static Optional<Target> resolve(List<Route> routes, String uri, boolean gatewayApi) {
        String path = pathOf(uri);
        String query = uri.substring(path.length());
        List<Target> regexMatches = new ArrayList<>();
        for (Route route : routes.stream().filter(Route::regex).toList()) {
            // Gateway API implementations match the whole path; ingress-nginx anchors the start ("^" + path).
            Matcher m = Pattern.compile(gatewayApi ? route.path() : "^" + route.path()).matcher(path);
            if (gatewayApi ? m.matches() : m.lookingAt()) {
                String target = route.rewrite() == null ? path : substitute(route.rewrite(), m);
                regexMatches.add(new Target(route.upstream(), target + query));
            }
        }
        assertThat(regexMatches).as("regular-expression routes overlapping on " + uri).hasSizeLessThanOrEqualTo(1);
        if (!regexMatches.isEmpty()) {
            return Optional.of(regexMatches.get(0));
        }
        return routes.stream()
                .filter(r -> !r.regex())
                .filter(r -> r.path().equals("/") || path.equals(r.path()) || path.startsWith(r.path() + "/"))
                .max((a, b) -> Integer.compare(a.path().length(), b.path().length()))
                .map(r -> new Target(r.upstream(),
                        (r.rewrite() == null ? path : r.rewrite() + path.substring(r.path().length())) + query));
    }

    private static String substitute(String rewrite, Matcher m) {
        String result = rewrite;
        for (int group = m.groupCount(); group >= 1; group--) {
            result = result.replace("$" + group, m.group(group) == null ? "" : m.group(group));
        }
        return result;
    }

    /** mooring-health -> health, the gateway's upstream name. */
    private static String upstream(String serviceName) {
        assertThat(serviceName).startsWith("mooring-");
        return serviceName.substring("mooring-".length());
    }

    private static String firstSegment(String path) {
        String[] segments = path.split("/");
        return segments.length > 1 ? segments[1] : "";
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** Requests a regex location matches: each alternative of each group, `[^/]+` as one segment. */
    static List<String> expand(String pattern) {
        int open = pattern.indexOf('(');
        if (open < 0) {
            return List.of(pattern.replace("[^/]+", "c-1"));
        }
        int close = pattern.indexOf(')', open);
        String head = pattern.substring(0, open).replace("[^/]+", "c-1");
        List<String> alternatives = new ArrayList<>();
        for (String alternative : pattern.substring(open + 1, close).split("\\|")) {
            if (alternative.equals("$")) {
                alternatives.add("");
            } else if (alternative.equals("/")) {
                alternatives.add("/");
                alternatives.add("/sub/resource");
            } else {
                alternatives.add(alternative);
            }
        }
        List<String> expanded = new ArrayList<>();
        for (String alternative : alternatives) {
            for (String tail : expand(pattern.substring(close + 1))) {
                expanded.add(head + alternative + tail);
            }
        }
        return expanded;
    }
}
