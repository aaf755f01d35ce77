package io.mooring.apicontract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docs/api/openapi/mooring.yaml}: the merge of the committed service documents listed in {@link ApiServices},
 * under the gateway's own title and server. The gateway serves it at {@code /openapi.yaml}.
 */
public final class MergedDocument {

    /** System property: write the merge over the committed file instead of comparing (as the service snapshots do). */
    public static final String WRITE = "mooring.openapi.write";
    public static final String FILE_NAME = "mooring.yaml";
    public static final String REGENERATE = "./mvnw -B -o test -pl api-contract -Dtest=MergedDocumentTest -D" + WRITE + "=true";

    static final OpenApiMerge.Gateway GATEWAY = new OpenApiMerge.Gateway("Mooring API",
            "The whole Mooring API as its gateway serves it: every service's routes under one address. Each service"
                    + " also serves its own part at /<service>/q/openapi on the gateway. Errors are"
                    + " application/problem+json.",
            servers());

    private static final YAMLMapper YAML = ContractYaml.YAML;

    private MergedDocument() {
    }

    /** Writes the merged document into {@code args[0]} (default {@code docs/api/openapi}, from the repository root). */
    public static void main(String[] args) {
        Path directory = Path.of(args.length > 0 ? args[0] : "docs/api/openapi");
        write(directory);
    }

    /** The merge of the committed service documents in {@code directory}, as the text committed for it. */
    public static String render(Path directory) {
        List<OpenApiMerge.Source> sources = new ArrayList<>();
        for (String service : ApiServices.ALL) {
            Path document = directory.resolve(service + ".yaml");
            if (!Files.exists(document)) {
                throw new IllegalStateException(document + " is missing, yet " + service + " is listed in ApiServices");
            }
            sources.add(new OpenApiMerge.Source(service, read(document)));
        }
        ObjectNode merged = OpenApiMerge.merge(sources, GATEWAY);
        try {
            return "# The whole Mooring API as the gateway serves it (GET /openapi.yaml): the merge of "
                    + String.join(", ", ApiServices.ALL.stream().map(s -> s + ".yaml").toList()) + ".\n"
                    + "# Generated; do not edit. Regenerate with " + REGENERATE + "\n"
                    + YAML.writeValueAsString(merged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path directory) {
        try {
            Files.writeString(directory.resolve(FILE_NAME), render(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path document) {
        return ContractYaml.read(document);
    }

    /**
     * The gateway root, relative: the document is served by the gateway it describes, so every deployment's copy
     * points at its own gateway.
     */
    private static JsonNode servers() {
        ArrayNode servers = JsonNodeFactory.instance.arrayNode();
        servers.addObject().put("url", "/").put("description",
                "The gateway that serves this document at /openapi.yaml (http://localhost:8080 for bin/local-stack)");
        return servers;
    }
}
