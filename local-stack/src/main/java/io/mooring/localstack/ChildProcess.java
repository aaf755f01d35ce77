package io.mooring.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A process the local stack started: its output goes to a log file, and stopping it stops its descendants. */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> readyLine = new CompletableFuture<>();

    private ChildProcess(String name, Process process, Path log, String readyPrefix) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread pump = new Thread(() -> pump(readyPrefix), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    static ChildProcess start(String name, List<String> command, Path logDir, String readyPrefix) {
        return start(name, command, Map.of(), logDir, readyPrefix);
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path logDir,
            String readyPrefix) {
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Files.deleteIfExists(log);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            return new ChildProcess(name, process, log, readyPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Freezes the process (SIGSTOP) as a hung host would be: its sockets stay open but nothing answers. */
    void freeze() {
        signal("STOP");
    }

    /** Lets a frozen process run again (SIGCONT). */
    void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            int exit = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start()
                    .waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the first output line starting with the ready prefix given at start. */
    String awaitReadyLine(Duration timeout) throws Exception {
        return readyLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the process to end and returns its exit code; stops it and fails when it outlasts the timeout. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(Duration.ofSeconds(5));
            throw new IllegalStateException(name + " did not finish in " + timeout.toSeconds() + " s; see " + log);
        }
        return process.exitValue();
    }

    /** Asks the process and its children to stop, then kills whatever is still running after the grace period. */
    void stop(Duration grace) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void pump(String readyPrefix) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Files.writeString(log, line + System.lineSeparator(), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                if (readyPrefix != null && !readyLine.isDone() && line.startsWith(readyPrefix)) {
                    readyLine.complete(line);
                }
            }
        } catch (IOException e) {
            // The process ended; its log says why.
        }
        readyLine.completeExceptionally(new IllegalStateException(name + " ended; see " + log));
    }
}
