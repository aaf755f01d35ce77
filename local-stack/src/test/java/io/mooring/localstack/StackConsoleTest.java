package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.testsupport.Tokens;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StackConsoleTest {

    private final StackConsole console = new StackConsole(new SimulatedClusters(), Tokens.shared());

    @Test
    void aViewerTokenOfTheNamedProjectsCanBeHadFromTheConsole() throws Exception {
        JsonNode claims = claims(console.execute(new String[] {"token", "viewer", "payments", "shop"}));
        assertThat(claims.path("groups").toString()).contains(Tokens.VIEWER).doesNotContain(Tokens.OPERATOR);
        assertThat(claims.path("projects").toString()).isEqualTo("[\"payments\",\"shop\"]");
    }

    @Test
    void anOperatorTokenDefaultsToTheSimulatedClustersProject() throws Exception {
        JsonNode claims = claims(console.execute(new String[] {"token", "operator"}));
        assertThat(claims.path("groups").toString()).contains(Tokens.OPERATOR);
        assertThat(claims.path("projects").toString()).isEqualTo("[\"" + SimulatedClusters.PROJECT + "\"]");
    }

    @Test
    void anUnknownRoleIsAnErrorThatNamesTheRoles() {
        assertThat(console.execute(new String[] {"token", "owner"})).startsWith("ERROR")
                .contains("viewer, operator or admin");
    }

    private static JsonNode claims(String token) throws Exception {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
