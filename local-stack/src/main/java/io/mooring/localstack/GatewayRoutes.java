package io.mooring.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's routing table, read from the {@code location} blocks of {@code docker/gateway/nginx.conf}
 * so that the local stack and the container gateway can never route differently. Regex locations are
 * tried in the order written, as nginx does; prefix locations map a path prefix onto another one; exact locations
 * with an {@code alias} are files the gateway serves itself; {@code location /} with a {@code root} is the web console.
 */
public final class GatewayRoutes {

    /** Where a request goes: an upstream name ({@code registry}, {@code health}, ...) and the URI to ask it. */
    public record Target(String upstream, String uri) {
    }

    /**
     * A file the gateway serves itself at an exact path: its content type and its file name, the alias's path under
     * {@value #STATIC_ROOT} (where docker/compose.yaml mounts the documents; the local stack bundles them under
     * {@code gateway/} with the same relative path).
     */
    public record StaticFile(String path, String contentType, String fileName) {
    }

    private sealed interface Route permits RegexRoute, PrefixRoute {
        Optional<Target> match(String uri);
    }

    private record RegexRoute(Pattern pattern, String upstream) implements Route {
        public Optional<Target> match(String uri) {
            return pattern.matcher(pathOf(uri)).find() ? Optional.of(new Target(upstream, uri)) : Optional.empty();
        }
    }

    private record PrefixRoute(String prefix, String upstream, String replacement) implements Route {
        public Optional<Target> match(String uri) {
            return uri.startsWith(prefix)
                    ? Optional.of(new Target(upstream, replacement + uri.substring(prefix.length())))
                    : Optional.empty();
        }
    }

    private static final Pattern LOCATION = Pattern.compile(
            "location\\s+(~\\s+)?(\\S+)\\s*\\{\\s*proxy_pass\\s+http://([a-z0-9-]+)(/[^;\\s]*)?\\s*;\\s*}");

    static final String STATIC_ROOT = "/etc/nginx/mooring/";

    private static final Pattern STATIC_FILE = Pattern.compile(
            "location\\s+=\\s+(\\S+)\\s*\\{\\s*default_type\\s+([^;\\s]+)\\s*;\\s*alias\\s+([^;\\s]+)\\s*;\\s*}");

    private static final Pattern CONSOLE_ROOT = Pattern.compile("location\\s+/\\s*\\{\\s*root\\s+[^;\\s]+\\s*;\\s*}");

    private final List<Route> regexRoutes;
    private final List<PrefixRoute> prefixRoutes;
    private final List<StaticFile> staticFiles;
    private final boolean servesConsole;

    private GatewayRoutes(List<Route> regexRoutes, List<PrefixRoute> prefixRoutes, List<StaticFile> staticFiles,
            boolean servesConsole) {
        this.regexRoutes = regexRoutes;
        this.prefixRoutes = prefixRoutes;
        this.staticFiles = staticFiles;
        this.servesConsole = servesConsole;
    }

    /** The table shipped in this module's resources (a copy of docker/gateway/nginx.conf made at build time). */
    public static GatewayRoutes bundled() {
        try (InputStream in = GatewayRoutes.class.getResourceAsStream("/gateway/nginx.conf")) {
            if (in == null) {
                throw new IllegalStateException("gateway/nginx.conf is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GatewayRoutes parse(String nginxConf) {
        String withoutComments = nginxConf.replaceAll("(?m)#.*$", "");
        List<Route> regex = new ArrayList<>();
        List<PrefixRoute> prefixes = new ArrayList<>();
        Matcher m = LOCATION.matcher(withoutComments);
        while (m.find()) {
            String upstream = m.group(3);
            if (m.group(1) != null) {
                regex.add(new RegexRoute(Pattern.compile(m.group(2)), upstream));
            } else {
                String replacement = m.group(4) == null ? m.group(2) : m.group(4);
                prefixes.add(new PrefixRoute(m.group(2), upstream, replacement));
            }
        }
        List<StaticFile> files = new ArrayList<>();
        Matcher file = STATIC_FILE.matcher(withoutComments);
        while (file.find()) {
            String alias = file.group(3);
            if (!alias.startsWith(STATIC_ROOT)) {
                throw new IllegalArgumentException("The gateway serves files from " + STATIC_ROOT + " only, not " + alias);
            }
            files.add(new StaticFile(file.group(1), file.group(2), alias.substring(STATIC_ROOT.length())));
        }
        if (regex.isEmpty() && prefixes.isEmpty()) {
            throw new IllegalArgumentException("No location blocks found in the gateway configuration");
        }
        // nginx takes the longest matching prefix location.
        prefixes.sort((a, b) -> Integer.compare(b.prefix().length(), a.prefix().length()));
        return new GatewayRoutes(regex, prefixes, files, CONSOLE_ROOT.matcher(withoutComments).find());
    }

    /** The file the gateway serves itself for a request URI, if any; an exact location wins over every other one. */
    public Optional<StaticFile> staticFile(String uri) {
        String path = pathOf(uri);
        return staticFiles.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** Whether the root location serves the web console's files (what no other location routes). */
    public boolean servesConsole() {
        return servesConsole;
    }

    public List<StaticFile> staticFiles() {
        return staticFiles;
    }

    /** The upstream and URI for a request URI (path and query), as nginx would choose them. */
    public Optional<Target> resolve(String uri) {
        for (Route route : regexRoutes) {
            Optional<Target> target = route.match(uri);
            if (target.isPresent()) {
                return target;
            }
        }
        for (PrefixRoute route : prefixRoutes) {
            Optional<Target> target = route.match(uri);
            if (target.isPresent()) {
                return target;
            }
        }
        return Optional.empty();
    }

    public List<String> upstreams() {
        List<String> names = new ArrayList<>();
        regexRoutes.forEach(r -> {
            String name = ((RegexRoute) r).upstream();
            if (!names.contains(name)) {
                names.add(name);
            }
        });
        prefixRoutes.forEach(r -> {
            if (!names.contains(r.upstream())) {
                names.add(r.upstream());
            }
        });
        return names;
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
