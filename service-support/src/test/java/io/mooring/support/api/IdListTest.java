package io.mooring.support.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdListTest {

    private static final UUID A = UUID.fromString("3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11");
    private static final UUID B = UUID.fromString("0b7d9c1e-5f2a-4e8b-9c3d-7a1f2e4b6c80");

    @Test
    void idsComeCommaSeparatedOrRepeatedInTheOrderGivenEachOnce() {
        assertThat(IdList.parse("id", List.of(A + "," + B, A.toString().toUpperCase()), 2)).containsExactly(A, B);
        assertThat(IdList.parse("id", null, 2)).isEmpty();
        assertThat(IdList.parse("id", List.of(), 2)).isEmpty();
    }

    @Test
    void aValueThatIsNotAUuidInItsUsualFormOrTooManyIdsAreA400NamingTheField() {
        assertThatThrownBy(() -> IdList.parse("cluster", List.of("1-2-3-4-5"), 2))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toProblem().errors()).containsExactly(
                            new Problem.FieldError("cluster", "not a UUID: 1-2-3-4-5"));
                });
        List<String> three = new ArrayList<>(Collections.nCopies(1, A.toString()));
        three.add(B.toString());
        three.add(UUID.randomUUID().toString());
        assertThatThrownBy(() -> IdList.parse("id", three, 2))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.toProblem().errors())
                        .containsExactly(new Problem.FieldError("id", "at most 2 ids")));
    }
}
