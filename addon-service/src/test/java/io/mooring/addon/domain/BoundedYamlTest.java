package io.mooring.addon.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.addon.support.Bombs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedYamlTest {

    private final BoundedYaml yaml = new BoundedYaml(1_000_000, 10_000, 100_000);

    @Test
    void ordinaryYamlWithAnchorsAndMergeKeysReads() {
        Object read = yaml.load("""
                base: &base {a: 1, b: two}
                copy:
                  <<: *base
                  c: 3
                list: [*base, *base]
                """, true);
        assertThat(read).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) read).get("list")).isInstanceOf(List.class);
    }

    @Test
    void aliasesThatExpandBeyondTheBoundAreRefusedBeforeConstruction() {
        assertThatThrownBy(() -> yaml.load(Bombs.laughs(24, ""), true))
                .isInstanceOf(BoundedYaml.TooLargeException.class).hasMessageContaining("expands to more than");
    }

    @Test
    void aliasesToOneLargeScalarCountItsCharactersEachTime() {
        String text = "s: &s \"" + "x".repeat(5_000) + "\"\nmany: [" + "*s, ".repeat(99) + "*s]\n";
        assertThatThrownBy(() -> yaml.load(text, true)).isInstanceOf(BoundedYaml.TooLargeException.class)
                .hasMessageContaining("characters");
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
        String text = "[".repeat(80) + "]".repeat(80);
        assertThatThrownBy(() -> yaml.load(text, true)).hasMessageContaining("esting");
    }

    @Test
    void nestingThroughAliasesBeyondTheLimitIsRefused() {
        StringBuilder text = new StringBuilder("a: &a " + "[".repeat(40) + "]".repeat(40) + "\n");
        text.append("b: ").append("[".repeat(40)).append("*a").append("]".repeat(40)).append('\n');
        assertThatThrownBy(() -> yaml.load(text.toString(), true)).hasMessageContaining("nested more than");
    }

    @Test
    void aRecursiveStructureIsRefused() {
        assertThatThrownBy(() -> yaml.load("a: &a [1, *a]\n", true)).isInstanceOf(BoundedYaml.TooLargeException.class)
                .hasMessageContaining("refers to itself");
    }

    @Test
    void jsonTreesAreBoundedAlike() {
        Map<String, Object> deep = Map.of("leaf", "x");
        for (int i = 0; i < 70; i++) {
            deep = Map.of("n", deep);
        }
        Object tree = deep;
        assertThatThrownBy(() -> yaml.checkTree(tree)).hasMessageContaining("nested more than");
    }
}
