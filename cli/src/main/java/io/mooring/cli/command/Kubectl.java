package io.mooring.cli.command;

import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code kubectl apply -f -} with a manifest on its standard input; its output goes to the user. */
final class Kubectl {

    private Kubectl() {
    }

    static List<String> applyCommand(String kubectl, String kubeconfig, String context) {
        List<String> command = new ArrayList<>();
        command.add(kubectl);
        if (kubeconfig != null) {
            command.add("--kubeconfig=" + kubeconfig);
        }
        if (context != null) {
            command.add("--context=" + context);
        }
        command.addAll(List.of("apply", "-f", "-"));
        return command;
    }

    static void apply(List<String> command, String manifest, PrintWriter output) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new CliException(ExitCodes.KUBECTL_FAILED, "cannot run " + command.get(0) + ": " + e.getMessage()
                    + " (put kubectl on the PATH or name it with --kubectl)", e);
        }
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(manifest.getBytes(StandardCharsets.UTF_8));
            }
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::println);
            }
            output.flush();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new CliException(ExitCodes.KUBECTL_FAILED, "kubectl apply failed (exit " + exit + ")");
            }
        } catch (IOException e) {
            process.destroy();
            throw new CliException(ExitCodes.KUBECTL_FAILED, "kubectl apply failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.KUBECTL_FAILED, "interrupted while kubectl ran", e);
        }
    }
}
