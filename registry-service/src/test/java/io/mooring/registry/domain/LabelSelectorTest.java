package io.mooring.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.registry.domain.LabelSelector.Operator;
import io.mooring.registry.domain.LabelSelector.Requirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {

    @Test
    void parsesEveryKindOfRequirement() {
        LabelSelector selector = LabelSelector.parse(
                "env=prod, team!=x,tier,!legacy,zone in (a, b),stage notin (dev),owner==alice,example.com/app=web");
        assertThat(selector.requirements()).containsExactly(
                new Requirement("env", Operator.EQUALS, List.of("prod")),
                new Requirement("team", Operator.NOT_EQUALS, List.of("x")),
                new Requirement("tier", Operator.EXISTS, List.of()),
                new Requirement("legacy", Operator.NOT_EXISTS, List.of()),
                new Requirement("zone", Operator.IN, List.of("a", "b")),
                new Requirement("stage", Operator.NOT_IN, List.of("dev")),
                new Requirement("owner", Operator.EQUALS, List.of("alice")),
                new Requirement("example.com/app", Operator.EQUALS, List.of("web")));
    }

    @Test
    void blankMeansEverything() {
        assertThat(LabelSelector.parse(null).isEmpty()).isTrue();
        assertThat(LabelSelector.parse("  ").matches(Map.of("a", "b"))).isTrue();
    }

    @Test
    void anEmptyValueIsAValue() {
        assertThat(LabelSelector.parse("env=").requirements())
                .containsExactly(new Requirement("env", Operator.EQUALS, List.of("")));
    }

    @Test
    void matchesAsKubernetesDoes() {
        Map<String, String> prodA = Map.of("env", "prod", "team", "a");
        Map<String, String> bare = Map.of();
        assertThat(LabelSelector.parse("env=prod").matches(prodA)).isTrue();
        assertThat(LabelSelector.parse("env=prod").matches(bare)).isFalse();
        assertThat(LabelSelector.parse("team!=x").matches(bare)).isTrue();
        assertThat(LabelSelector.parse("team!=a").matches(prodA)).isFalse();
        assertThat(LabelSelector.parse("env notin (dev)").matches(bare)).isTrue();
        assertThat(LabelSelector.parse("env in (dev,prod)").matches(prodA)).isTrue();
        assertThat(LabelSelector.parse("!env").matches(prodA)).isFalse();
        assertThat(LabelSelector.parse("env,team").matches(prodA)).isTrue();
        assertThat(LabelSelector.parse("env,tier").matches(prodA)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "=x", "env=prod=x", "a b", "!", "env in ()", "env in (a", "env in a)", "env in ((a))",
            ",", "env=prod,", "Bad_Prefix/x", "env=x\ny", "env=" + "v234567890123456789012345678901234567890123456789012345678901234",
            "env in (a b)", "x(y)" })
    void refusesWhatKubernetesWouldRefuse(String text) {
        assertThatThrownBy(() -> LabelSelector.parse(text)).isInstanceOf(LabelSelector.InvalidSelectorException.class);
    }

    @Test
    void refusesTooManyRequirementsAndTooLongSelectors() {
        assertThatThrownBy(() -> LabelSelector.parse("a,".repeat(20) + "b"))
                .isInstanceOf(LabelSelector.InvalidSelectorException.class).hasMessageContaining("at most 20");
        assertThatThrownBy(() -> LabelSelector.parse("a".repeat(2049)))
                .isInstanceOf(LabelSelector.InvalidSelectorException.class);
    }
}
