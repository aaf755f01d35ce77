package io.mooring.apicontract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The merged document passes Redocly's recommended rules ({@code redocly.yaml} at the repository root) with no error.
 * The linter comes from npm: {@code .ci/run} installs it under {@code .ci/tools}; elsewhere it is found through
 * {@code MOORING_REDOCLY} or on the PATH. Without it the test is skipped on a developer machine and fails in CI.
 */
class RedoclyLintTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String INSTALL = "npm install --no-audit --no-fund --prefix .ci/tools @redocly/cli@2.77.0";

    @Test
    void theMergedDocumentHasNoLintError() throws IOException, InterruptedException {
        Optional<Path> redocly = linter();
        if (redocly.isEmpty()) {
            assertThat(System.getenv("CI")).as("Redocly CLI is not installed (" + INSTALL + ")").isNull();
            assumeTrue(false, "Redocly CLI is not installed; skipping the lint (" + INSTALL + ")");
        }
        Path output = Files.createTempFile("redocly-", ".txt");
        try {
            ProcessBuilder lint = new ProcessBuilder(redocly.get().toString(), "lint", "--config", "redocly.yaml",
                    "--format", "stylish", "docs/api/openapi/" + MergedDocument.FILE_NAME)
                    .directory(REPOSITORY.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            lint.environment().put("REDOCLY_TELEMETRY", "off");
            lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            Process process = lint.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("Redocly did not finish within 5 minutes");
            }
            assertThat(process.exitValue())
                    .as("Redocly's recommended rules on the merged document:%n%s",
                            Files.readString(output, StandardCharsets.UTF_8))
                    .isZero();
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Optional<Path> linter() {
        String configured = System.getenv("MOORING_REDOCLY");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        Stream<Path> onPath = Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "redocly"));
        return Stream.concat(Stream.of(REPOSITORY.resolve(".ci/tools/node_modules/.bin/redocly")), onPath)
                .filter(Files::isExecutable).findFirst();
    }
}
