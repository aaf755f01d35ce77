package io.mooring.cost.domain;

import static io.mooring.cost.domain.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccrualSettingsTest {

    private final AccrualSettings settings = AccrualSettings.DEFAULT;

    @Test
    void windowRunsFromThePreviousInventoryToThisOne() {
        assertThat(settings.window(at("10:15"), at("11:05")))
                .isEqualTo(new AccrualWindow(at("10:15"), at("11:05"), false));
    }

    @Test
    void gapLongerThanTheMaximumIsCutToTheMaximumBeforeThisInventory() {
        assertThat(settings.window(at("01:00"), at("11:00")))
                .isEqualTo(new AccrualWindow(at("09:00"), at("11:00"), true));
        assertThat(settings.withMaxGap(Duration.ofMinutes(30)).window(at("10:00"), at("11:00")).duration())
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void firstReplayedOrLateInventoryHasAnEmptyWindow() {
        assertThat(settings.window(null, at("11:00")).isEmpty()).isTrue();
        assertThat(settings.window(at("11:00"), at("11:00")).isEmpty()).isTrue();
        assertThat(settings.window(at("12:00"), at("11:00")).isEmpty()).isTrue();
    }
}
