package io.mooring.health.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void listsReadLikeASentenceAndTruncateWithACount() {
        assertThat(Messages.list(List.of(), 5)).isEmpty();
        assertThat(Messages.list(List.of("a"), 5)).isEqualTo("a");
        assertThat(Messages.list(List.of("a", "b"), 5)).isEqualTo("a and b");
        assertThat(Messages.list(List.of("a", "b", "c"), 5)).isEqualTo("a, b and c");
        assertThat(Messages.list(List.of("a", "b", "c", "d"), 2)).isEqualTo("a, b and 2 more");
    }

    @Test
    void namesSortAsPeopleReadThem() {
        List<String> names = new ArrayList<>(List.of("node-10", "node-2", "node-1", "web-0", "node-02", "a"));
        names.add(null);

        names.sort(Messages.NATURAL_ORDER);

        assertThat(names).containsExactly("a", "node-1", "node-02", "node-2", "node-10", "web-0", null);
    }

    @Test
    void durationsAreCoarse() {
        assertThat(Messages.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Messages.duration(Duration.ofSeconds(14 * 60 + 59))).isEqualTo("14m");
        assertThat(Messages.duration(Duration.ofMinutes(120))).isEqualTo("2h");
        assertThat(Messages.duration(Duration.ofMinutes(125))).isEqualTo("2h 5m");
        assertThat(Messages.duration(Duration.ofHours(76))).isEqualTo("3d 4h");
        assertThat(Messages.duration(Duration.ofSeconds(-5))).isEqualTo("0s");
    }

    @Test
    void overlongMessagesAreCut() {
        CheckResult result = CheckResult.warn("x", "y".repeat(5000));

        assertThat(result.message()).hasSize(Messages.MAX_MESSAGE_LENGTH).endsWith("…");
    }
}
