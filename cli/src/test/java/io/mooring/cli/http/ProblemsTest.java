package io.mooring.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void aProblemIsPrintedAsTitleStatusDetailAndOneLinePerFieldError() {
        CliException failure = Problems.fromResponse(400, """
                {"type":"https://mooring.io/problems/invalid-request","title":"Invalid request","status":400,
                 "detail":"The request is not valid.","errors":[{"field":"name","message":"must be a DNS-1123 label"},
                 {"field":"cloudType","message":"must be one of eks, aks"}]}""");

        assertThat(failure.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(failure.getMessage().lines()).containsExactly(
                "Invalid request (400): The request is not valid.",
                "  name: must be a DNS-1123 label",
                "  cloudType: must be one of eks, aks");
    }

    @Test
    void aBodyThatIsNotAProblemIsShownShortenedWithItsStatus() {
        CliException failure = Problems.fromResponse(502, "<html>" + "x".repeat(1000) + "</html>");

        assertThat(failure.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(failure.getMessage()).startsWith("HTTP 502: <html>xxx").endsWith("...").hasSizeLessThan(320);
    }

    @Test
    void aForbiddenProblemExitsWithTheDeniedCode() {
        CliException failure = Problems.fromResponse(403,
                "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"viewer may not import\"}");

        assertThat(failure.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(failure.getMessage()).isEqualTo("Forbidden (403): viewer may not import");
    }
}
