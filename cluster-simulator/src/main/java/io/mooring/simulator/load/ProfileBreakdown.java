package io.mooring.simulator.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a measured service spent its CPU, from the flight recording bin/bench takes of it: the share of execution
 * samples in each layer (token verification, JSON, the PostgreSQL client...), both "own" (the innermost frame that
 * belongs to a layer: a JDK HashMap call made by Jackson counts for Jackson) and inclusive (a sample counts in every
 * layer on its stack, so Netty's event loop, at the bottom of nearly every stack, is near 100 %), the methods that
 * were on CPU most, and the time the collector paused the application. This is the profile evidence the
 * benchmark's ceilings are explained with.
 * <pre>java -cp cluster-simulator/target/classes io.mooring.simulator.load.ProfileBreakdown &lt;out.md&gt; &lt;file.jfr&gt;...</pre>
 */
public final class ProfileBreakdown {

    /** A layer of the stack, recognised by the packages (or class-name prefixes) of its frames. */
    record Layer(String name, List<String> prefixes) {
        boolean matches(String frame) {
            for (String prefix : prefixes) {
                if (frame.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final String OTHER = "(no layer: JDK or others only)";
    /** BigDecimal money arithmetic; an RSA signature's BigInteger work counts for token verification instead. */
    static final String ARITHMETIC = "arbitrary-precision arithmetic (BigDecimal, BigInteger)";
    private static final String TOKENS = "token verification (JWT, signatures)";

    /** In the order the report lists them; a sample counts once per layer it passes through. */
    static final List<Layer> LAYERS = List.of(
            new Layer(TOKENS, List.of("io.smallrye.jwt", "org.jose4j",
                    "io.quarkus.smallrye.jwt", "io.quarkus.oidc", "java.security.Signature", "sun.security.rsa",
                    "sun.security.ec", "sun.security.util.math")),
            new Layer(ARITHMETIC, List.of("java.math.")),
            new Layer("JSON (Jackson)", List.of("com.fasterxml.jackson")),
            new Layer("decompression (gzip)", List.of("java.util.zip")),
            new Layer("Bean Validation", List.of("org.hibernate.validator")),
            new Layer("Hibernate Reactive / ORM", List.of("org.hibernate.reactive", "org.hibernate.engine",
                    "org.hibernate.internal", "org.hibernate.persister", "org.hibernate.event", "org.hibernate.loader",
                    "org.hibernate.sql", "org.hibernate.query", "org.hibernate.type", "io.quarkus.hibernate")),
            new Layer("PostgreSQL client (Vert.x)", List.of("io.vertx.pgclient", "io.vertx.sqlclient")),
            new Layer("Kafka clients", List.of("org.apache.kafka", "io.smallrye.reactive.messaging.kafka")),
            new Layer("HTTP server (Netty, Vert.x HTTP)", List.of("io.netty", "io.vertx.core.http",
                    "io.vertx.core.net")),
            new Layer("REST layer (Quarkus REST)", List.of("org.jboss.resteasy.reactive", "io.quarkus.resteasy")),
            new Layer("Quarkus security", List.of("io.quarkus.security", "io.quarkus.vertx.http.runtime.security")),
            new Layer("CDI and context propagation", List.of("io.quarkus.arc", "io.smallrye.context")),
            new Layer("Mutiny / Vert.x scheduling", List.of("io.smallrye.mutiny", "io.vertx.core.impl",
                    "io.vertx.core.Context", "io.quarkus.vertx")),
            new Layer("logging", List.of("org.jboss.logmanager", "org.jboss.logging", "java.util.logging")),
            new Layer("metrics and tracing", List.of("io.micrometer", "io.opentelemetry", "io.quarkus.opentelemetry",
                    "io.quarkus.micrometer")),
            new Layer("Mooring's own code", List.of("io.mooring.")));

    private final Map<String, Integer> layerSamples = new LinkedHashMap<>();
    private final Map<String, Integer> ownSamples = new LinkedHashMap<>();
    private final Map<String, Integer> topFrames = new HashMap<>();
    private final Map<String, Integer> mooringFrames = new HashMap<>();
    private final Map<String, Integer> threads = new HashMap<>();
    private int samples;
    private Duration gcPause = Duration.ZERO;
    private int collections;
    private Duration recorded = Duration.ZERO;

    ProfileBreakdown() {
        LAYERS.forEach(layer -> layerSamples.put(layer.name(), 0));
        LAYERS.forEach(layer -> ownSamples.put(layer.name(), 0));
        ownSamples.put(OTHER, 0);
    }

    /** One execution sample: its frames, innermost first, as {@code class.method}, and its thread's name. */
    void sample(List<String> frames, String thread) {
        samples++;
        threads.merge(threadGroup(thread), 1, Integer::sum);
        if (!frames.isEmpty()) {
            topFrames.merge(frames.get(0), 1, Integer::sum);
        }
        Set<String> seen = new LinkedHashSet<>();
        String innermostMooring = null;
        String own = null;
        for (String frame : frames) {
            for (Layer layer : LAYERS) {
                if (layer.matches(frame)) {
                    seen.add(layer.name());
                    if (own == null) {
                        own = layer.name();
                    }
                }
            }
            if (innermostMooring == null && frame.startsWith("io.mooring.")) {
                innermostMooring = frame;
            }
        }
        if (ARITHMETIC.equals(own) && seen.contains(TOKENS)) {
            own = TOKENS;
        }
        seen.forEach(name -> layerSamples.merge(name, 1, Integer::sum));
        ownSamples.merge(own == null ? OTHER : own, 1, Integer::sum);
        if (innermostMooring != null) {
            mooringFrames.merge(innermostMooring, 1, Integer::sum);
        }
    }

    /** Threads by kind, numbers taken away: {@code vert.x-eventloop-thread-1} and {@code -0} are one kind. */
    static String threadGroup(String thread) {
        if (thread == null) {
            return "(unknown)";
        }
        return thread.replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-N-");
    }

    void gcPause(Duration pause) {
        gcPause = gcPause.plus(pause);
        collections++;
    }

    void read(Path jfr) throws IOException {
        try (RecordingFile file = new RecordingFile(jfr)) {
            java.time.Instant first = null;
            java.time.Instant last = null;
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (first == null || event.getStartTime().isBefore(first)) {
                    first = event.getStartTime();
                }
                if (last == null || event.getEndTime().isAfter(last)) {
                    last = event.getEndTime();
                }
                if (type.equals("jdk.ExecutionSample")) {
                    RecordedStackTrace stack = event.getStackTrace();
                    List<String> frames = new ArrayList<>();
                    if (stack != null) {
                        for (RecordedFrame frame : stack.getFrames()) {
                            frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
                        }
                    }
                    String thread = event.getThread("sampledThread") == null ? null
                            : event.getThread("sampledThread").getJavaName();
                    sample(frames, thread);
                } else if (type.equals("jdk.GarbageCollection")) {
                    gcPause(event.getDuration("sumOfPauses"));
                }
            }
            if (first != null) {
                recorded = recorded.plus(Duration.between(first, last));
            }
        }
    }

    String markdown(String title) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(title).append("\n\n");
        out.append(String.format(Locale.ROOT, "%,d execution samples (one per running Java thread every 10-20 ms) "
                + "over %d s recorded; %d collections paused the application %.1f s in all.%n%n", samples,
                recorded.toSeconds(), collections, gcPause.toMillis() / 1000.0));
        if (samples == 0) {
            return out.toString();
        }
        out.append("| layer | own (innermost layer on the stack) | inclusive (anywhere on the stack) |\n"
                + "|---|---:|---:|\n");
        ownSamples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0 || layerSamples.getOrDefault(e.getKey(), 0) > 0)
                .forEach(e -> out.append("| ").append(e.getKey()).append(" | ").append(percent(e.getValue()))
                        .append(" | ").append(e.getKey().equals(OTHER) ? "" : percent(layerSamples.get(e.getKey())))
                        .append(" |\n"));
        table(out, "threads (by kind)", threads, 8);
        table(out, "method on CPU (self)", topFrames, 15);
        table(out, "innermost Mooring method on the stack", mooringFrames, 12);
        return out.toString();
    }

    private void table(StringBuilder out, String heading, Map<String, Integer> counts, int limit) {
        out.append("\n| ").append(heading).append(" | share of samples |\n|---|---:|\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .limit(limit)
                .forEach(e -> out.append("| `").append(e.getKey()).append("` | ").append(percent(e.getValue()))
                        .append(" |\n"));
    }

    private String percent(int count) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * count / samples);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ProfileBreakdown <out.md> <recording.jfr>...");
            System.exit(2);
        }
        StringBuilder out = new StringBuilder("# Where the CPU went (flight recordings of this run)\n\n");
        for (int i = 1; i < args.length; i++) {
            Path jfr = Path.of(args[i]);
            if (!Files.isRegularFile(jfr)) {
                continue;
            }
            ProfileBreakdown breakdown = new ProfileBreakdown();
            breakdown.read(jfr);
            out.append(breakdown.markdown(jfr.getFileName().toString())).append('\n');
        }
        Files.writeString(Path.of(args[0]), out);
        System.out.println("[profile] written to " + args[0]);
    }
}
