package io.mooring.health.repository;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.health.domain.EventEntry.SeenUid;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentUidsTest {

    @Test
    void uidsRoundTripWithTheirCounts() {
        List<SeenUid> uids = List.of(new SeenUid("0b1c-\"quoted\"-\\", 3), new SeenUid("caf\u00e9", 1));

        assertThat(RecentUids.read(RecentUids.write(uids))).isEqualTo(uids);
        assertThat(RecentUids.write(List.of())).isEqualTo("[]");
    }

    @Test
    void writesWhatTheObjectMapperWroteSoStoredRowsReadBack() throws Exception {
        List<SeenUid> uids = List.of(new SeenUid("a", 2), new SeenUid("b", 7));

        assertThat(RecentUids.write(uids)).isEqualTo(new ObjectMapper().writeValueAsString(uids));
    }

    @Test
    void unknownFieldsAreSkippedAndBrokenTextReadsAsNoUids() {
        assertThat(RecentUids.read("[{\"uid\":\"a\",\"extra\":{\"x\":[1]},\"count\":4}]"))
                .containsExactly(new SeenUid("a", 4));
        assertThat(RecentUids.read("[{\"count\":4}]")).isEmpty();
        assertThat(RecentUids.read("{\"uid\":\"a\"}")).isEmpty();
        assertThat(RecentUids.read("[{\"uid\":\"a\"")).isEmpty();
        assertThat(RecentUids.read("")).isEmpty();
        assertThat(RecentUids.read(null)).isEmpty();
    }
}
