package io.mooring.addon.service;

import io.mooring.addon.config.AddonConfig;
import io.mooring.addon.domain.ChartSource;
import io.mooring.addon.domain.LayerDefinition;
import io.mooring.addon.domain.ProfileDefinition;
import io.mooring.addon.domain.SemanticVersion;
import io.mooring.addon.service.ProfileDraft.ChartDraft;
import io.mooring.addon.service.ProfileDraft.LayerDraft;
import io.mooring.support.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what bean validation cannot (semantic version, one source per layer, chart references, values, archive
 * encoding and size) and turns the request into the definition that is hashed, stored and rendered.
 */
@ApplicationScoped
public class ProfilePreparation {

    private final AddonConfig config;
    private final StoredJson json;
    private final ChartHosts hosts;

    public ProfilePreparation(AddonConfig config, StoredJson json, ChartHosts hosts) {
        this.config = config;
        this.json = json;
        this.hosts = hosts;
    }

    public PreparedProfile prepare(ProfileDraft draft) {
        Violations violations = new Violations();
        SemanticVersion version = SemanticVersion.parse(draft.version()).orElse(null);
        if (version == null) {
            violations.add("version", "must be a semantic version such as 1.4.0 or 2.0.0-rc.1 (numbers up to "
                    + SemanticVersion.MAX_NUMBER + ")");
        }
        Map<String, byte[]> archives = new LinkedHashMap<>();
        List<LayerDefinition> layers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < draft.layers().size(); i++) {
            LayerDraft layer = draft.layers().get(i);
            String field = "layers[" + i + "]";
            if (!names.add(layer.name())) {
                violations.add(field + ".name", "another layer of this profile is named '" + layer.name() + "'");
            }
            boolean hasManifests = layer.manifests() != null;
            boolean hasChart = layer.chart() != null;
            if (hasManifests == hasChart) {
                violations.add(field, hasManifests ? "give either manifests or a chart, not both"
                        : "give manifests (multi-document YAML) or a chart");
                continue;
            }
            if (hasManifests) {
                if (layer.manifests().isBlank()) {
                    violations.add(field + ".manifests", "must hold at least one Kubernetes object");
                }
                if (layer.values() != null) {
                    violations.add(field + ".values",
                            "values apply to chart layers only; manifests are applied as written");
                }
                if (layer.secretValues() != null && !layer.secretValues().isEmpty()) {
                    violations.add(field + ".secretValues",
                            "secret values name chart values; a manifests layer has none (Secret objects are masked "
                                    + "in rendered output anyway)");
                }
                layers.add(new LayerDefinition(layer.name(), layer.namespace(), layer.manifests(), null, null,
                        adopt(layer), null));
                continue;
            }
            ChartSource chart = chart(layer.chart(), field + ".chart", violations, archives);
            Map<String, Object> values = Map.of();
            try {
                values = ValuesReader.read(layer.values());
            } catch (IllegalArgumentException e) {
                violations.add(field + ".values", e.getMessage());
            }
            layers.add(new LayerDefinition(layer.name(), layer.namespace(), null, chart, values, adopt(layer),
                    layer.secretValues() == null || layer.secretValues().isEmpty() ? null
                            : List.copyOf(new LinkedHashSet<>(layer.secretValues()))));
        }
        violations.throwIfAny("The profile is not valid.");
        ProfileDefinition definition = new ProfileDefinition(draft.type(), draft.description(), layers);
        return new PreparedProfile(draft.name(), version, definition, json.hash(definition), archives);
    }

    /** True, or null for the default: a layer that does not adopt hashes as it did before the option existed. */
    private static Boolean adopt(LayerDraft layer) {
        return Boolean.TRUE.equals(layer.adoptExisting()) ? Boolean.TRUE : null;
    }

    private ChartSource chart(ChartDraft chart, String field, Violations violations, Map<String, byte[]> archives) {
        int sources = (chart.repository() != null ? 1 : 0) + (chart.oci() != null ? 1 : 0)
                + (chart.archive() != null ? 1 : 0);
        if (sources != 1) {
            violations.add(field, "give exactly one of repository (with name and version), oci (with version) "
                    + "or archive");
            return null;
        }
        if (chart.repository() != null) {
            checkUrl(chart.repository(), field + ".repository", violations, "http", "https");
            if (chart.name() == null || !chart.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                violations.add(field + ".name", "the chart's name in the repository is required");
            }
            checkVersion(chart.version(), field + ".version", violations);
            return new ChartSource(chart.repository().strip(), chart.name(), chart.version(), null, null, null);
        }
        if (chart.oci() != null) {
            checkUrl(chart.oci(), field + ".oci", violations, "oci");
            if (chart.name() != null) {
                violations.add(field + ".name", "an OCI reference names the chart itself; leave name out");
            }
            checkVersion(chart.version(), field + ".version", violations);
            return new ChartSource(null, null, chart.version(), chart.oci().strip(), null, null);
        }
        if (chart.name() != null || chart.version() != null) {
            violations.add(field, "an uploaded archive carries its own name and version (Chart.yaml); "
                    + "leave name and version out");
        }
        byte[] archive;
        try {
            archive = Base64.getMimeDecoder().decode(chart.archive());
        } catch (IllegalArgumentException e) {
            violations.add(field + ".archive", "must be a chart archive (.tgz) in base64");
            return null;
        }
        long limit = config.charts().maxArchiveSize().asLongValue();
        if (archive.length > limit) {
            throw new ProblemException(413, "chart-archive-too-large", "Chart archive too large",
                    "The chart archive of " + field + " has " + archive.length + " bytes; the limit is " + limit
                            + " bytes.");
        }
        if (archive.length < 2 || (archive[0] & 0xff) != 0x1f || (archive[1] & 0xff) != 0x8b) {
            violations.add(field + ".archive", "must be a packaged chart (a gzip-compressed tar, .tgz), in base64");
            return null;
        }
        String digest = "sha256:" + Sha256.hex(archive);
        archives.put(digest, archive);
        return new ChartSource(null, null, null, null, digest, archive.length);
    }

    private static void checkVersion(String version, String field, Violations violations) {
        if (version == null || version.isBlank()) {
            violations.add(field, "the chart version is required (an exact version)");
        } else if (!version.matches("[0-9A-Za-z.+_-]+")) {
            violations.add(field, "must be an exact chart version such as 1.2.3");
        }
    }

    private void checkUrl(String value, String field, Violations violations, String... schemes) {
        try {
            URI uri = new URI(value.strip());
            boolean schemeOk = uri.getScheme() != null && List.of(schemes).contains(uri.getScheme().toLowerCase());
            if (!schemeOk || uri.getHost() == null) {
                violations.add(field, "must be an absolute " + String.join(" or ", schemes) + " URL with a host");
            } else if (uri.getUserInfo() != null) {
                violations.add(field, "must not carry credentials");
            } else if (uri.getQuery() != null || uri.getFragment() != null) {
                violations.add(field, "must not have a query or fragment");
            } else {
                String refusal = hosts.refusalOfName(uri.getHost());
                if (refusal != null) {
                    violations.add(field, refusal);
                }
            }
        } catch (URISyntaxException e) {
            violations.add(field, "is not a valid URL: " + e.getReason());
        }
    }
}
