package io.mooring.cost.repository;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Rows of text fields as one JSON array: a batch statement's single parameter ({@code jsonb_to_recordset}). */
final class JsonRows {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonRows() {
    }

    static String of(List<Map<String, String>> rows) {
        StringWriter out = new StringWriter(rows.size() * 120);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (Map<String, String> row : rows) {
                json.writeStartObject();
                for (Map.Entry<String, String> field : row.entrySet()) {
                    json.writeStringField(field.getKey(), field.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
