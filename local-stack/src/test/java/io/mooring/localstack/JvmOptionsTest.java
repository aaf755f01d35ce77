package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmOptionsTest {

    @Test
    void theJvmThatRunsTheStackAcceptsTheServicesOptions(@TempDir Path app) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java")));
        command.addAll(LocalStack.jvmOptions(app, "384m"));
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.exitValue()).as(said).isZero();
    }

    @Test
    void usesTheApplicationsAppCdsArchiveOnlyWhenBinAppcdsWroteOne(@TempDir Path app) throws Exception {
        assertThat(LocalStack.jvmOptions(app, "256m")).contains("-Xmx256m")
                .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));

        Files.writeString(app.resolve("local-stack.jsa"), "archive");
        assertThat(LocalStack.jvmOptions(app, "256m"))
                .contains("-XX:SharedArchiveFile=" + app.resolve("local-stack.jsa"));
    }

    @Test
    void trimsTheNativeHeapOnlyOnJvmsThatHaveTheOption(@TempDir Path app) {
        assertThat(LocalStack.trimsNativeHeap(Runtime.Version.parse("17.0.8"))).isFalse();
        assertThat(LocalStack.trimsNativeHeap(Runtime.Version.parse("17.0.9"))).isTrue();
        assertThat(LocalStack.trimsNativeHeap(Runtime.Version.parse("19.0.2"))).isFalse();
        assertThat(LocalStack.trimsNativeHeap(Runtime.Version.parse("21"))).isFalse();
        assertThat(LocalStack.trimsNativeHeap(Runtime.Version.parse("21.0.1"))).isTrue();
        assertThat(LocalStack.trimsNativeHeap(Runtime.Version.parse("25"))).isTrue();
        assertThat(LocalStack.jvmOptions(app, "256m", Runtime.Version.parse("17.0.8")))
                .noneMatch(option -> option.contains("TrimNativeHeapInterval"));
        assertThat(LocalStack.jvmOptions(app, "256m", Runtime.Version.parse("17.0.15")))
                .contains("-XX:TrimNativeHeapInterval=5000");
    }

    @Test
    void aBenchmarkRunAddsItsOptionsAndAFlightRecordingPerInstance(@TempDir Path jfr) {
        LocalStack.Service second = new LocalStack.Service("cost-service", "cost", 18484, "cost", 1);
        assertThat(LocalStack.benchmarkOptions(second, Map.of())).isEmpty();
        assertThat(LocalStack.benchmarkOptions(second, Map.of("MOORING_STACK_JVM_OPTS", " -XX:TieredStopAtLevel=4  -Xmn64m ",
                "MOORING_STACK_JFR_DIR", jfr.toString())))
                .containsExactly("-XX:TieredStopAtLevel=4", "-Xmn64m", "-XX:StartFlightRecording=filename="
                        + jfr.resolve("cost-service-2.jfr") + ",settings=profile,dumponexit=true");
    }
}
