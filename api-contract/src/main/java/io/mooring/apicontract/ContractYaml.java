package io.mooring.apicontract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The one YAML style of the checked-in contract documents (OpenAPI and AsyncAPI): both are compared byte for byte
 * with what is generated, so they must be written the same way.
 */
final class ContractYaml {

    static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private ContractYaml() {
    }

    static JsonNode read(Path document) {
        try {
            return YAML.readTree(document.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
