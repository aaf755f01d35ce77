package io.mooring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodesTest {

    @ParameterizedTest(name = "HTTP {0} exits {1}")
    @CsvSource({"404,2", "410,2", "401,3", "403,3", "400,4", "409,4", "413,4", "422,4", "429,5", "500,5", "503,5",
            "0,5"})
    void everyErrorStatusMapsToTheExitCodeScriptsBranchOn(int status, int exit) {
        assertThat(ExitCodes.forStatus(status)).isEqualTo(exit);
    }
}
