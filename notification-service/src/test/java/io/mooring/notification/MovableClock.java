package io.mooring.notification;

import io.mooring.testsupport.OffsetClock;
import jakarta.inject.Singleton;

/**
 * The service's clock in tests: system time, moved on by a test that needs time to pass (a rotated secret's grace
 * period) and moved back afterwards. Replaces the default Clock bean.
 */
@Singleton
public class MovableClock extends OffsetClock {
}
