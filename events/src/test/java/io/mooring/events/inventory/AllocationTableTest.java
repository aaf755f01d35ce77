package io.mooring.events.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationTableTest {

    private static final Allocation WEB_ON_A = new Allocation("node-a", "shop", "Deployment", "web", 2,
            new Resources(500, 1L << 30, 0, 2), new Resources(310, 900_000_000L, 0, 2));
    private static final Allocation WEB_ON_B = new Allocation("node-b", "shop", "Deployment", "web", 1,
            new Resources(250, 1L << 29, 1, 1), null);
    private static final Allocation BARE_POD_ON_A = new Allocation("node-a", "debug", "Pod", "shell", 1,
            new Resources(0, 0, 0, 1), null);

    @Test
    void namesAreListedOnceAndRowsReferToThem() {
        AllocationTable table = AllocationTable.of(List.of(WEB_ON_A, WEB_ON_B, BARE_POD_ON_A));

        assertThat(table.nodes()).containsExactly("node-a", "node-b");
        assertThat(table.owners()).containsExactly(new AllocationTable.Owner("shop", "Deployment", "web"),
                new AllocationTable.Owner("debug", "Pod", "shell"));
        assertThat(table.rows()).hasSize(3);
        assertThat(table.rows().get(0)).containsExactly(0, 0, 2, 500, 1L << 30, 0, 310, 900_000_000L, 0);
        assertThat(table.rows().get(2)).containsExactly(0, 1, 1, 0, 0, 0);
    }

    @Test
    void expandingGivesBackTheAllocationsInTheirOrder() {
        List<Allocation> allocations = List.of(WEB_ON_A, WEB_ON_B, BARE_POD_ON_A);

        assertThat(AllocationTable.of(allocations).expand()).isEqualTo(allocations);
        assertThat(AllocationTable.of(List.of()).expand()).isEmpty();
        assertThat(AllocationTable.of(null)).isEqualTo(AllocationTable.EMPTY);
    }

    @Test
    void tablesWithTheSameContentAreEqualThoughTheirRowsAreDifferentArrays() {
        AllocationTable one = AllocationTable.of(List.of(WEB_ON_A, WEB_ON_B));
        AllocationTable two = AllocationTable.of(List.of(WEB_ON_A, WEB_ON_B));
        AllocationTable other = AllocationTable.of(List.of(WEB_ON_B, WEB_ON_A));

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two).isNotEqualTo(other);
    }

    @Test
    void withoutUsageKeepsOnlyWhatIsRequested() {
        AllocationTable table = AllocationTable.of(List.of(WEB_ON_A, WEB_ON_B)).withoutUsage();

        assertThat(table.expand()).extracting(Allocation::usage).containsOnlyNulls();
        assertThat(table.expand()).extracting(Allocation::requests).containsExactly(WEB_ON_A.requests(), WEB_ON_B.requests());
    }

    @Test
    void rowsReferringOutsideTheListsOrOfTheWrongWidthAreProblems() {
        var owners = List.of(new AllocationTable.Owner("shop", "Deployment", "web"));

        assertThat(new AllocationTable(List.of("a"), owners, List.<long[]>of(new long[] {1, 0, 1, 0, 0, 0})).problems())
                .containsExactly("row 0 refers to node 1 of 1");
        assertThat(new AllocationTable(List.of("a"), owners, List.<long[]>of(new long[] {0, 3, 1, 0, 0, 0})).problems())
                .containsExactly("row 0 refers to owner 3 of 1");
        assertThat(new AllocationTable(List.of("a"), owners, List.<long[]>of(new long[] {0, 0, 1, 0, 0})).problems())
                .containsExactly("row 0 must have 6 or 9 numbers");
        assertThat(new AllocationTable(List.of("a"), owners, List.<long[]>of(new long[] {0, 0, 1, -5, 0, 0})).problems())
                .containsExactly("row 0 has a negative quantity");
        assertThat(new AllocationTable(List.of(" "), List.of(new AllocationTable.Owner("shop", null, "web")), List.of())
                .problems()).containsExactly("nodes must not hold blank names", "owners need a namespace, kind and name");
        assertThatThrownBy(() -> new AllocationTable(List.of(), owners, List.<long[]>of(new long[] {0, 0, 1, 0, 0, 0})).expand())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refers to node 0 of 0");
    }
}
