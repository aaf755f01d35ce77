package io.mooring.cli.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Reads a {@code text/event-stream} (the WHATWG rules the services' SSE follows): {@code event:}, {@code id:} and
 * {@code data:} lines up to a blank line make one event; lines starting with {@code :} are comments (keep-alives).
 * The generated client reads a stream's whole body as one string, which never ends, hence this reader.
 */
public final class ServerSentEvents {

    public record Event(String name, String id, String data) {
    }

    private ServerSentEvents() {
    }

    /** Hands each event to {@code handler} until the stream ends or the handler answers false. */
    public static void read(BufferedReader reader, Predicate<Event> handler) throws IOException {
        String name = null;
        String id = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null && !handler.test(new Event(name == null ? "message" : name, id, data.toString()))) {
                    return;
                }
                name = null;
                id = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> name = value;
                case "id" -> id = value;
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                default -> {
                    // retry and unknown fields are ignored, as the specification says.
                }
            }
        }
    }
}
