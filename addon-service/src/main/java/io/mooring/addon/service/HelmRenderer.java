package io.mooring.addon.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.mooring.addon.config.AddonConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * {@code helm template}, by Helm itself (helm-java embeds Helm through a native library). Blocking: call it from
 * {@link RenderWorkers}, never from the event loop.
 *
 * <p>The release name is the layer's name and the release namespace the layer's namespace. Values are passed as
 * values files in order, so Helm merges them as it does {@code -f a.yaml -f b.yaml}: the layer's values, then an
 * attachment's overrides. Only the release manifest is kept: hooks and tests are not part of the desired state.
 */
@ApplicationScoped
public class HelmRenderer {

    private static final Logger LOG = Logger.getLogger(HelmRenderer.class);
    private static final String DEBUG_HINT = "Use --debug flag to render out invalid YAML";

    private final AddonConfig config;
    private final ObjectMapper json;
    private final ChartHosts hosts;
    private final HelmCalls calls;

    public HelmRenderer(AddonConfig config, ObjectMapper json, ChartHosts hosts) {
        this.config = config;
        this.json = json;
        this.hosts = hosts;
        this.calls = new HelmCalls(2 * Math.max(1, config.helm().concurrency()));
    }

    @PreDestroy
    void stop() {
        calls.stop();
    }

    /** Renders a chart archive (.tgz bytes). */
    public String template(byte[] archive, String release, String namespace, List<Map<String, Object>> values) {
        return inTempDir(dir -> {
            Path chart = dir.resolve("chart.tgz");
            Files.write(chart, archive);
            return run(Helm.template(chart.toString()), dir, release, namespace, values);
        });
    }

    /** Renders a chart Helm pulls from an OCI registry ({@code oci://host/path/chart}) at {@code version}. */
    public String templateOci(String reference, String version, String release, String namespace,
            List<Map<String, Object>> values) {
        // Helm resolves and connects on its own: the registry's host is checked before it is asked.
        try {
            hosts.check(URI.create(reference));
        } catch (IllegalArgumentException e) {
            throw ChartException.fetch("the OCI reference " + reference + " is not a valid address");
        }
        try {
            return inTempDir(dir -> {
                TemplateCommand command = Helm.template(reference).withVersion(version);
                if (config.helm().ociPlainHttp()) {
                    command.plainHttp();
                }
                return run(command, dir, release, namespace, values);
            });
        } catch (ChartException e) {
            // Helm fetched the chart itself: tell a registry that could not be reached from a chart that failed.
            if (!e.isFetch() && isFetchFailure(e.getMessage())) {
                throw ChartException.fetch(e.getMessage());
            }
            throw e;
        }
    }

    static boolean isFetchFailure(String helmMessage) {
        String message = helmMessage.toLowerCase(Locale.ROOT);
        return message.startsWith("failed to perform") || message.contains("dial tcp")
                || message.contains("no such host") || message.contains("failed to do request")
                || message.contains(": not found") || message.contains("unauthorized")
                || message.contains("tls: ") || message.contains("i/o timeout");
    }

    private String run(TemplateCommand command, Path dir, String release, String namespace,
            List<Map<String, Object>> values) throws IOException {
        command.withName(release).withNamespace(namespace);
        config.helm().kubeVersion().ifPresent(command::withKubeVersion);
        int i = 0;
        for (Map<String, Object> layerValues : values) {
            if (layerValues == null || layerValues.isEmpty()) {
                continue;
            }
            Path file = dir.resolve("values-" + i++ + ".yaml");
            // JSON is YAML: no second serialiser, and no YAML-specific surprises.
            Files.writeString(file, toJson(layerValues));
            command.withValuesFile(file);
        }
        String output;
        try {
            output = calls.call(command::call, config.helm().renderTimeout());
        } catch (ChartException | RenderBusyException e) {
            throw e;
        } catch (IllegalStateException e) {
            throw ChartException.render(helmMessage(e.getMessage()));
        } catch (Exception | UnsatisfiedLinkError e) {
            LOG.warnf(e, "Helm failed unexpectedly for release %s", release);
            throw ChartException.render("Helm failed: " + e.getMessage());
        }
        long limit = config.helm().maxRenderedSize().asLongValue();
        if (output != null && output.length() > limit) {
            throw ChartException.render("the rendered manifests are " + output.length() + " characters long; the "
                    + "limit is " + limit);
        }
        return output;
    }

    static String helmMessage(String message) {
        if (message == null || message.isBlank()) {
            return "Helm gave no reason";
        }
        return message.replace(DEBUG_HINT, "").strip();
    }

    private String toJson(Map<String, Object> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("values cannot be written as JSON", e);
        }
    }

    private interface InDir<T> {
        T apply(Path dir) throws IOException;
    }

    private static <T> T inTempDir(InDir<T> work) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("mooring-helm-");
            return work.apply(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("Could not delete %s: %s", dir, e.getMessage());
        }
    }
}
