package io.mooring.addon.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {

    @Test
    void parsesSemanticVersionsOnly() {
        assertThat(SemanticVersion.parse("1.2.3")).isPresent();
        assertThat(SemanticVersion.parse("1.0.0-alpha.1+build.5")).get()
                .satisfies(v -> {
                    assertThat(v.preRelease()).isEqualTo("alpha.1");
                    assertThat(v.build()).isEqualTo("build.5");
                    assertThat(v).hasToString("1.0.0-alpha.1+build.5");
                });
        for (String invalid : List.of("1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0 ", "",
                "1.0.0-alpha..1", "1000000000.0.0")) {
            assertThat(SemanticVersion.parse(invalid)).as(invalid).isEmpty();
        }
    }

    @Test
    void sortKeysOrderVersionsByPrecedence() {
        // The example of semver.org §11, plus numbers that differ in length.
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0", "2.0.0-0", "2.0.0");
        List<String> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(7));
        List<String> byKey = shuffled.stream().map(v -> SemanticVersion.parse(v).orElseThrow())
                .sorted((a, b) -> a.sortKey().compareTo(b.sortKey())).map(SemanticVersion::toString).toList();
        assertThat(byKey).containsExactlyElementsOf(ordered);
    }

    @Test
    void buildMetadataDoesNotChangePrecedence() {
        assertThat(SemanticVersion.parse("1.0.0+a").orElseThrow().sortKey())
                .isEqualTo(SemanticVersion.parse("1.0.0+b").orElseThrow().sortKey());
    }
}
