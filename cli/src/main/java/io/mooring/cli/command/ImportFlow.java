package io.mooring.cli.command;

import io.mooring.cli.CliException;
import io.mooring.cli.Environment;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.MooringCli;
import io.mooring.cli.http.Problems;
import io.mooring.cli.output.Printer;
import io.mooring.client.ApiException;
import io.mooring.client.api.MooringApi;
import io.mooring.client.model.ClusterStatus;
import io.mooring.client.model.ClusterView;
import io.mooring.client.model.ImportInstructions;
import io.mooring.client.model.ImportMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * What import, reissue and migrate share: print the command to run in the cluster, or run it (--apply, the
 * manifest piped to kubectl), and optionally wait for the agent to connect with a progress display.
 */
final class ImportFlow {

    static final class Options {
        @Option(names = "--apply", description = "Pipe the manifest to kubectl apply -f - instead of printing the command.")
        boolean apply;

        @Option(names = "--kubectl", paramLabel = "PATH", defaultValue = "kubectl",
                description = "The kubectl to run for --apply (default: kubectl from the PATH).")
        String kubectl;

        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Passed to kubectl for --apply.")
        String kubeconfig;

        @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context, for --apply.")
        String context;

        @Option(names = "--wait", description = "Wait until the agent has connected (import, reissue) or has confirmed"
                + " full permission (migrate).")
        boolean await;

        @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "PT10M",
                converter = DurationConverter.class, description = "How long --wait waits (e.g. 5m, 90s; default 10m).")
        Duration waitTimeout;
    }

    private static final String SPINNER = "|/-\\";

    /** What --wait waits for: an agent that registered, or (migrate) the agent's confirmation of its new permissions. */
    enum Awaited {
        CONNECTED("for the agent of %s to connect", "The agent of %s connected"),
        MIGRATED("for the agent of %s to confirm full permission", "The agent of %s confirmed full permission");

        final String waiting;
        final String done;

        Awaited(String waiting, String done) {
            this.waiting = waiting;
            this.done = done;
        }

        boolean reached(ClusterView cluster) {
            return switch (this) {
                case CONNECTED -> cluster.getStatus() == ClusterStatus.RUNNING && cluster.getConnectedAt() != null;
                case MIGRATED -> cluster.getPendingMigration() == null
                        && cluster.getImportMode() == ImportMode.FULL_PERMISSION;
            };
        }
    }

    private ImportFlow() {
    }

    static int run(MooringCli cli, MooringApi api, ImportInstructions instructions, Options options, String verb)
            throws ApiException {
        return run(cli, api, instructions, options, verb, Awaited.CONNECTED);
    }

    static int run(MooringCli cli, MooringApi api, ImportInstructions instructions, Options options, String verb,
            Awaited awaited) throws ApiException {
        Printer printer = cli.printer();
        PrintWriter out = cli.out();
        // Scripts read stdout; kubectl's and the progress's lines then go to stderr.
        PrintWriter chatter = printer.forPeople() ? out : cli.err();
        ClusterView cluster = instructions.getCluster();
        if (printer.forPeople()) {
            out.printf("Cluster %s (%s) %s in project %s: %s, %s.%n", cluster.getName(), cluster.getId(), verb,
                    cluster.getProject(), cluster.getImportMode(), cluster.getStatus());
            if (!options.apply) {
                out.printf("Run this where kubectl reaches the cluster (valid until %s):%n  %s%n",
                        instructions.getImportCommand().getExpiresAt(), instructions.getImportCommand().getCommand());
            }
            out.flush();
        }
        if (options.apply) {
            String manifest = fetch(cli, instructions.getImportCommand().getManifestUrl().toString());
            Kubectl.apply(Kubectl.applyCommand(options.kubectl, options.kubeconfig, options.context), manifest, chatter);
        }
        if (options.await) {
            ClusterView connected = await(cli.environment(), api, cluster, awaited, options.waitTimeout, cli.err());
            instructions.setCluster(connected);
            if (printer.forPeople()) {
                out.printf("Connected: agent %s, Kubernetes %s.%n", orNone(connected.getAgentVersion()),
                        orNone(connected.getKubernetesVersion()));
                out.flush();
            }
        }
        if (!printer.forPeople()) {
            printer.one(instructions, tree -> "");
        }
        return ExitCodes.OK;
    }

    /** The manifest is public (its URL carries a one-time handle): no token is sent, wherever it is served. */
    private static String fetch(MooringCli cli, String url) {
        try {
            HttpResponse<String> answer = cli.http().send(HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(Duration.ofSeconds(60)).header("Accept", "application/yaml").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw Problems.fromResponse(answer.statusCode(), answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw Problems.unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problems.unreachable(e);
        }
    }

    /**
     * Polls the cluster until its agent registered (status Running). A person sees a spinner with the status and
     * the time waited; a log (no terminal) gets one line when the wait starts and one when it ends.
     */
    static ClusterView await(Environment environment, MooringApi api, ClusterView cluster, Awaited awaited,
            Duration timeout, PrintWriter progress) throws ApiException {
        Instant start = environment.clock().instant();
        Instant deadline = start.plus(timeout);
        if (!environment.interactive()) {
            progress.printf("Waiting up to %s " + awaited.waiting + "...%n", human(timeout), cluster.getName());
            progress.flush();
        }
        int frame = 0;
        while (true) {
            ClusterView now = api.getCluster(cluster.getId());
            long waited = Duration.between(start, environment.clock().instant()).toSeconds();
            if (awaited.reached(now)) {
                if (environment.interactive()) {
                    progress.print("\r\033[K");
                }
                progress.printf(awaited.done + " after %ds.%n", now.getName(), waited);
                progress.flush();
                return now;
            }
            if (now.getStatus() == ClusterStatus.DELETING) {
                throw new CliException(ExitCodes.NOT_FOUND, "cluster " + now.getName() + " is being deleted");
            }
            if (!environment.clock().instant().isBefore(deadline)) {
                if (environment.interactive()) {
                    progress.println();
                }
                throw new CliException(ExitCodes.TIMED_OUT, "gave up waiting " + awaited.waiting.formatted(now.getName())
                        + " after " + human(timeout) + " (status " + now.getStatus() + ")");
            }
            if (environment.interactive()) {
                progress.printf("\r%c waiting " + awaited.waiting + ": %s, %ds ", SPINNER.charAt(frame++ % 4),
                        now.getName(), now.getStatus(), waited);
                progress.flush();
            }
            try {
                environment.sleeper().sleep(environment.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.TIMED_OUT, "interrupted while waiting", e);
            }
        }
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 && seconds >= 60 ? seconds / 60 + "m" : seconds + "s";
    }

    private static String orNone(Object value) {
        return value == null ? "-" : value.toString();
    }
}
