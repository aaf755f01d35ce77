package io.mooring.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code kubectl} binary, for tests that run it against a simulated cluster. Found, in order, at
 * {@code MOORING_KUBECTL}, at {@code .ci/tools/kubectl} under the repository (where {@code .ci/run} unpacks Debian's
 * {@code kubernetes-client}), or on the {@code PATH}.
 */
public final class Kubectl {

    /** The output of one run. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path binary;

    private Kubectl(Path binary) {
        this.binary = binary;
    }

    /** The kubectl to use, if there is one; {@code repoRoot} is where {@code .ci/tools} lives. */
    public static Optional<Kubectl> locate(Path repoRoot) {
        String configured = System.getenv("MOORING_KUBECTL");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("MOORING_KUBECTL=" + configured + " is not an executable file");
            }
            return Optional.of(new Kubectl(path));
        }
        Path tools = repoRoot.resolve(".ci/tools/kubectl");
        if (Files.isExecutable(tools)) {
            return Optional.of(new Kubectl(tools.toAbsolutePath()));
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Optional.of(new Kubectl(Path.of(dir, "kubectl")));
            }
        }
        return Optional.empty();
    }

    /** What to say when {@link #locate} found nothing. */
    public static String missing() {
        return "No kubectl: set MOORING_KUBECTL, run .ci/run (it unpacks Debian's kubernetes-client into .ci/tools),"
                + " or put kubectl on the PATH";
    }

    public Path binary() {
        return binary;
    }

    /** {@code kubectl version --client}, one line. */
    public String clientVersion() {
        Result result = run(null, Duration.ofSeconds(30), List.of("version", "--client"));
        return result.stdout().lines().findFirst().orElse(result.stdout()).trim();
    }

    /**
     * Runs kubectl with these arguments against the cluster of {@code kubeconfig} (KUBECONFIG), with a fresh home
     * directory, so no discovery cache of an earlier server on the same port is read. Bounded by the timeout.
     */
    public Result run(Path kubeconfig, Duration timeout, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments);
        return exec(command, kubeconfig == null ? Map.of() : Map.of("KUBECONFIG", kubeconfig.toString()), timeout);
    }

    /**
     * Runs a command line as a user would type it, e.g. the import command the registry answers
     * ({@code kubectl apply -f https://...}): split on blanks, its first word naming kubectl, which is this binary.
     */
    public Result runCommandLine(String commandLine, Path kubeconfig, Duration timeout) {
        List<String> words = List.of(commandLine.trim().split("\\s+"));
        if (words.isEmpty() || !words.get(0).equals("kubectl")) {
            throw new IllegalArgumentException("Not a kubectl command: " + commandLine);
        }
        return run(kubeconfig, timeout, words.subList(1, words.size()));
    }

    private static Result exec(List<String> command, Map<String, String> env, Duration timeout) {
        Path home = null;
        try {
            home = Files.createTempDirectory("kubectl-home-");
            Path out = home.resolve("stdout");
            Path err = home.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            builder.environment().put("HOME", home.toString());
            builder.environment().remove("KUBECTL_EXTERNAL_DIFF");
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8) + "\n(killed after " + timeout + ")");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(home);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
