package io.mooring.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.MooringCli;
import io.mooring.cli.http.Problems;
import io.mooring.cli.http.ServerSentEvents;
import io.mooring.cli.output.Printer;
import io.mooring.cli.output.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "events", description = "A cluster's Kubernetes events.", subcommands = EventsCommand.Tail.class)
public final class EventsCommand extends GroupCommand {

    /** One line per event, fixed columns, so a person can follow the stream as it scrolls. */
    static String line(JsonNode event) {
        String object = Table.text(event.at("/objectKind")) + "/" + Table.text(event.at("/objectName"));
        if (event.hasNonNull("namespace")) {
            object = event.at("/namespace").asText() + " " + object;
        }
        return String.format("%-20s  %-7s  %-20s  %s  %s", Table.text(event.at("/lastSeen")),
                Table.text(event.at("/type")), Table.text(event.at("/reason")), object,
                Table.text(event.at("/message")).replace('\n', ' '));
    }

    @Command(name = "tail", description = "Follow a cluster's events as they arrive (Ctrl-C stops).")
    static final class Tail extends ApiCommand {
        @Mixin
        ClusterArgument target;
        @Option(names = "--type", description = "Normal or Warning.")
        String type;
        @Option(names = "--reason", description = "e.g. BackOff.")
        String reason;
        @Option(names = "--namespace", description = "The object's namespace.")
        String namespace;
        @Option(names = "--kind", description = "The object's kind, e.g. Pod.")
        String objectKind;
        @Option(names = "--name", description = "The object's name, exactly.")
        String objectName;
        @Option(names = "--max", paramLabel = "N", description = "Stop after N events (exit 0).")
        Integer max;
        @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Stop after this long (exit 6 if --max events had not arrived by then; 0 without --max).")
        Duration limit;

        @Override
        public Integer call() throws Exception {
            MooringCli cli = cli();
            UUID id = target.resolve(cli.api());
            Map<String, String> query = new LinkedHashMap<>();
            put(query, "type", type);
            put(query, "reason", reason);
            put(query, "namespace", namespace);
            put(query, "objectKind", objectKind);
            put(query, "objectName", objectName);
            String path = "/api/v1/clusters/" + id + "/events/stream" + (query.isEmpty() ? "" : "?"
                    + query.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                            StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
            HttpResponse<InputStream> answer = cli.http().send(cli.request(path)
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (answer.statusCode() != 200) {
                try (InputStream body = answer.body()) {
                    throw Problems.fromResponse(answer.statusCode(),
                            new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return follow(cli, answer.body());
        }

        private int follow(MooringCli cli, InputStream body) throws IOException {
            Printer printer = cli.printer();
            PrintWriter out = cli.out();
            PrintWriter err = cli.err();
            AtomicInteger seen = new AtomicInteger();
            AtomicBoolean timedOut = new AtomicBoolean();
            Thread timer = null;
            if (limit != null) {
                // Closing the body ends the blocking read; the stream itself has no deadline of its own.
                timer = new Thread(() -> {
                    try {
                        Thread.sleep(limit.toMillis());
                        timedOut.set(true);
                        body.close();
                    } catch (InterruptedException | IOException stopped) {
                        // the stream ended first
                    }
                }, "mooring-events-limit");
                timer.setDaemon(true);
                timer.start();
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                ServerSentEvents.read(reader, event -> {
                    if (event.name().equals("ready")) {
                        err.println("Following the events of " + target.named() + " (Ctrl-C stops).");
                        err.flush();
                        if (printer.forPeople()) {
                            out.println(String.format("%-20s  %-7s  %-20s  %s  %s", "LAST SEEN", "TYPE", "REASON",
                                    "OBJECT", "MESSAGE"));
                            out.flush();
                        }
                        return true;
                    }
                    if (!event.name().equals("event")) {
                        return true;
                    }
                    JsonNode entry = parse(event.data());
                    if (printer.forPeople()) {
                        out.println(line(entry));
                        out.flush();
                    } else {
                        printer.streamed(entry);
                    }
                    return max == null || seen.incrementAndGet() < max;
                });
            } catch (IOException e) {
                if (!timedOut.get()) {
                    throw Problems.unreachable(e);
                }
            } finally {
                if (timer != null) {
                    timer.interrupt();
                }
            }
            if (max != null && seen.get() < max) {
                if (timedOut.get()) {
                    throw new CliException(ExitCodes.TIMED_OUT, seen.get() + " of " + max + " events within " + limit);
                }
                if (limit == null) {
                    throw new CliException(ExitCodes.UNAVAILABLE, "the stream ended (the token expired, or the"
                            + " server went away) after " + seen.get() + " events");
                }
            }
            return ExitCodes.OK;
        }

        private static JsonNode parse(String data) {
            try {
                return Printer.JSON.readTree(data);
            } catch (IOException e) {
                throw new CliException(ExitCodes.UNAVAILABLE, "the server sent an event that is not JSON: " + data, e);
            }
        }

        private static void put(Map<String, String> query, String key, String value) {
            if (value != null) {
                query.put(key, value);
            }
        }
    }
}
