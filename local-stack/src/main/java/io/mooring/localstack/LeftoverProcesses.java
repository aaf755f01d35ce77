package io.mooring.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Remembers the processes of a run, so that a run after one that was killed outright (no Ctrl-C) first
 * stops what the earlier one left behind instead of failing on busy ports.
 */
final class LeftoverProcesses {

    private LeftoverProcesses() {
    }

    static void record(Path file, long pid) throws IOException {
        Files.writeString(file, pid + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static void stopThoseRecordedIn(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> pids = Files.readAllLines(file);
        for (String pid : pids) {
            ProcessHandle.of(Long.parseLong(pid.trim()))
                    .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                    .ifPresent(p -> {
                        LocalStack.log("Stopping process %d left over from an earlier run", p.pid());
                        p.destroy();
                        p.onExit().orTimeout(15, TimeUnit.SECONDS)
                                .exceptionally(e -> {
                                    p.destroyForcibly();
                                    return p;
                                }).join();
                    });
        }
        Files.delete(file);
    }
}
