package io.mooring.registry;

import io.mooring.testsupport.OffsetClock;
import jakarta.inject.Singleton;

/**
 * The registry's clock in tests: system time, moved on by a test that needs time to pass (token expiry)
 * and moved back afterwards. Replaces the default Clock bean.
 */
@Singleton
public class MovableClock extends OffsetClock {
}
