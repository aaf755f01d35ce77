package io.mooring.health.repository;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mooring.health.domain.EventEntry.SeenUid;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code recent_uids} column: an entry's recent Event uids and their counts, as
 * {@code [{"uid":"...","count":3},...]}, the same text the object mapper wrote before. Every stored batch reads and
 * writes it for each entry it touches, so it goes through Jackson's streaming parser and generator, without data
 * binding's per-call type resolution. It is still about 9 % of health-service's samples under bin/bench's ingestion
 * load (README, "The scale benchmark, measured"): columns rather than JSON would be the next step.
 */
final class RecentUids {

    private static final JsonFactory JSON = new JsonFactory();

    private RecentUids() {
    }

    static String write(List<SeenUid> uids) {
        StringWriter out = new StringWriter(uids.size() * 48 + 2);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (SeenUid uid : uids) {
                json.writeStartObject();
                json.writeStringField("uid", uid.uid());
                json.writeNumberField("count", uid.count());
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** What the column holds; an empty list for anything that is not such an array (the uids are a hint only). */
    static List<SeenUid> read(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        try (JsonParser json = JSON.createParser(text)) {
            if (json.nextToken() != JsonToken.START_ARRAY) {
                return List.of();
            }
            List<SeenUid> uids = new ArrayList<>();
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    return List.of();
                }
                String uid = null;
                int count = 0;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken value = json.nextToken();
                    if ("uid".equals(field) && value == JsonToken.VALUE_STRING) {
                        uid = json.getText();
                    } else if ("count".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                        count = json.getIntValue();
                    } else {
                        json.skipChildren();
                    }
                }
                if (uid == null) {
                    return List.of();
                }
                uids.add(new SeenUid(uid, count));
            }
            return uids;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
