package io.mooring.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevelopmentSignInTest {

    private static final String CONSOLE = "http://localhost:8080/";
    // RFC 7636, appendix B.
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private final DevelopmentSignIn signIn = new DevelopmentSignIn(List.of("http://localhost:8080/"));

    private String code() {
        return signIn.issue(new DevelopmentSignIn.Grant("mooring", CONSOLE, CHALLENGE, "viewer", List.of("demo"),
                NOW.plus(DevelopmentSignIn.CODE_LIFETIME)));
    }

    @Test
    void theS256ChallengeIsTheOneOfRfc7636sExample() {
        assertThat(DevelopmentSignIn.s256(VERIFIER)).isEqualTo(CHALLENGE);
    }

    @Test
    void aCodeWithItsVerifierGivesTheChosenRoleAndProjectsOnce() {
        String code = code();
        assertThat(signIn.redeem(code, "mooring", CONSOLE, VERIFIER, NOW))
                .hasValueSatisfying(g -> {
                    assertThat(g.role()).isEqualTo("viewer");
                    assertThat(g.projects()).containsExactly("demo");
                });
        assertThat(signIn.redeem(code, "mooring", CONSOLE, VERIFIER, NOW)).isEmpty();
    }

    @Test
    void aWrongVerifierIsRefusedAndSpendsTheCode() {
        String code = code();
        assertThat(signIn.redeem(code, "mooring", CONSOLE, VERIFIER + "x", NOW)).isEmpty();
        assertThat(signIn.redeem(code, "mooring", CONSOLE, VERIFIER, NOW)).isEmpty();
    }

    @Test
    void anotherClientOrRedirectUriOrALateRequestIsRefused() {
        assertThat(signIn.redeem(code(), "other", CONSOLE, VERIFIER, NOW)).isEmpty();
        assertThat(signIn.redeem(code(), "mooring", "http://localhost:8080/elsewhere", VERIFIER, NOW)).isEmpty();
        assertThat(signIn.redeem(code(), "mooring", CONSOLE, VERIFIER, NOW.plusSeconds(61))).isEmpty();
        assertThat(signIn.redeem("unknown", "mooring", CONSOLE, VERIFIER, NOW)).isEmpty();
    }

    @Test
    void codesOnlyGoBackToTheConsolesOrigin() {
        assertThat(signIn.allowsRedirectTo("http://localhost:8080/")).isTrue();
        assertThat(signIn.allowsRedirectTo("http://evil.example/")).isFalse();
        assertThat(signIn.allowsRedirectTo(null)).isFalse();
    }
}
