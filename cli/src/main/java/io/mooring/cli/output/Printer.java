package io.mooring.cli.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * Prints a command's answer in the chosen format. JSON and YAML show the API's own representation (what the
 * generated client read), so scripts see the documented field names; tables show the columns a person needs.
 */
public final class Printer {

    public static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Format format;
    private final PrintWriter out;

    public Printer(Format format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    public Format format() {
        return format;
    }

    public boolean forPeople() {
        return format == Format.TABLE;
    }

    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** A list: a table of {@code columns}, or the items as a JSON/YAML array. */
    public void list(List<?> items, List<Column> columns) {
        JsonNode tree = JSON.valueToTree(items);
        if (format == Format.TABLE) {
            out.print(Table.render(columns, tree));
        } else {
            structured(tree);
        }
        out.flush();
    }

    /** One object: what {@code forPeople} makes of it, or the object as JSON/YAML. */
    public void one(Object value, Function<JsonNode, String> forPeople) {
        JsonNode tree = JSON.valueToTree(value);
        if (format == Format.TABLE) {
            out.print(forPeople.apply(tree));
        } else {
            structured(tree);
        }
        out.flush();
    }

    /** JSON as one line (for streams: one event a line), YAML as one document. */
    public void streamed(Object value) {
        JsonNode tree = JSON.valueToTree(value);
        try {
            if (format == Format.YAML) {
                out.print("---\n" + YAML.writeValueAsString(tree));
            } else {
                out.println(JSON.writeValueAsString(tree));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private void structured(JsonNode tree) {
        try {
            switch (format) {
                case JSON -> out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
                case YAML -> out.print(YAML.writeValueAsString(tree));
                default -> throw new CliException(ExitCodes.USAGE,
                        "-o " + format.name().toLowerCase() + " is not available here: use table, json or yaml");
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
