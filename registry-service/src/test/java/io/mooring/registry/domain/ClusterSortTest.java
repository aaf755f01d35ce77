package io.mooring.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.events.WireValue;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterSortTest {

    @Test
    void eachOrderEndsInTheIdInItsOwnDirection() {
        assertThat(ClusterSort.NAME.orderBy("c")).isEqualTo("c.name, c.id");
        assertThat(ClusterSort.NAME_DESCENDING.orderBy("c")).isEqualTo("c.name desc, c.id desc");
        assertThat(ClusterSort.CREATED_AT.orderBy("c")).isEqualTo("c.createdAt, c.id");
        assertThat(ClusterSort.CREATED_AT_DESCENDING.orderBy("c")).isEqualTo("c.createdAt desc, c.id desc");
    }

    @Test
    void theNextPageStartsBeyondTheKeyOrAtTheSameKeyBeyondTheId() {
        assertThat(ClusterSort.NAME.after("c"))
                .isEqualTo("(c.name > :afterKey or (c.name = :afterKey and c.id > :afterId))");
        assertThat(ClusterSort.CREATED_AT_DESCENDING.after("c"))
                .isEqualTo("(c.createdAt < :afterKey or (c.createdAt = :afterKey and c.id < :afterId))");
    }

    @Test
    void theDefaultOrderKeepsTheCursorScopeItAlwaysHadAndTheOthersHaveOneEach() {
        assertThat(ClusterSort.CREATED_AT.cursorScope()).isEqualTo("clusters");
        assertThat(ClusterSort.values()).extracting(ClusterSort::cursorScope).doesNotHaveDuplicates();
    }

    @Test
    void aCursorKeyIsTypedAsItsOrderBindsIt() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-15T10:00:00.123456Z");
        assertThat(ClusterSort.CREATED_AT.position(at.toString(), id.toString())).isEqualTo(new PagePosition(at, id));
        assertThat(ClusterSort.NAME.position("prod-eu", id.toString())).isEqualTo(new PagePosition("prod-eu", id));
        assertThatThrownBy(() -> ClusterSort.CREATED_AT.position("prod-eu", id.toString()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterSort.NAME.position("prod-eu", "not-an-id"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWireValuesAreTheDocumentedOnes() {
        assertThat(WireValue.allowed(ClusterSort.class)).isEqualTo("[createdAt, -createdAt, name, -name]");
    }
}
