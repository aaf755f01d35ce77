package io.mooring.support.clusters;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The clock every time a service stores comes from. Tests replace it with one they move (any other {@link Clock}
 * bean wins over this default).
 */
@Singleton
public class Clocks {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
