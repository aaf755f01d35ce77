package io.mooring.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileBreakdownTest {

    @Test
    void aSampleCountsOnceInEveryLayerOnItsStack() {
        ProfileBreakdown profile = new ProfileBreakdown();
        profile.sample(List.of("com.fasterxml.jackson.core.json.UTF8StreamJsonParser.nextToken",
                "com.fasterxml.jackson.databind.ObjectReader.readValue",
                "io.mooring.health.service.EventLogService.record",
                "io.mooring.health.api.AgentResource.report",
                "io.netty.channel.nio.NioEventLoop.run"), "vert.x-eventloop-thread-1");
        profile.sample(List.of("sun.security.rsa.RSACore.crt", "java.security.Signature.verify",
                "io.smallrye.jwt.auth.principal.DefaultJWTTokenParser.parse",
                "io.netty.channel.nio.NioEventLoop.run"), "vert.x-eventloop-thread-0");
        profile.sample(List.of("io.vertx.pgclient.impl.codec.PgDecoder.decode"), "vert.x-eventloop-thread-0");
        profile.gcPause(Duration.ofMillis(300));
        profile.gcPause(Duration.ofMillis(200));

        String report = profile.markdown("health-service");

        assertThat(report).contains("3 execution samples").contains("2 collections paused the application 0.5 s")
                // own: the innermost layer; inclusive: every layer on the stack
                .contains("| JSON (Jackson) | 33.3 % | 33.3 % |")
                .contains("| token verification (JWT, signatures) | 33.3 % | 33.3 % |")
                .contains("| HTTP server (Netty, Vert.x HTTP) | 0.0 % | 66.7 % |")
                .contains("| PostgreSQL client (Vert.x) | 33.3 % | 33.3 % |")
                .contains("| Mooring's own code | 0.0 % | 33.3 % |")
                .doesNotContain("| Kafka clients |")
                .contains("| `vert.x-eventloop-thread` | 100.0 % |")
                // the innermost of Mooring's frames names the work, not the resource that called it
                .contains("| `io.mooring.health.service.EventLogService.record` | 33.3 % |")
                .doesNotContain("AgentResource");
    }

    @Test
    void aJdkFrameCountsForTheLayerThatCalledIt() {
        ProfileBreakdown profile = new ProfileBreakdown();
        profile.sample(List.of("java.util.HashMap.getNode", "java.util.HashMap.get",
                "com.fasterxml.jackson.databind.deser.BeanDeserializer.deserialize", "io.netty.channel.nio.NioEventLoop.run"),
                "vert.x-eventloop-thread-0");
        profile.sample(List.of("java.lang.Object.wait"), "Finalizer");

        assertThat(profile.markdown("x")).contains("| JSON (Jackson) | 50.0 % | 50.0 % |")
                .contains("| " + ProfileBreakdown.OTHER + " | 50.0 % |  |");
    }

    @Test
    void bigNumberWorkCountsForTokensUnderASignatureAndForArithmeticElsewhere() {
        ProfileBreakdown profile = new ProfileBreakdown();
        profile.sample(List.of("java.math.MutableBigInteger.divideOneWord", "java.math.BigDecimal.divide",
                "io.mooring.cost.domain.Money.gib"), "vert.x-eventloop-thread-0");
        profile.sample(List.of("java.math.MutableBigInteger.mulsub", "java.math.BigInteger.modPow",
                "sun.security.rsa.RSACore.crypt", "java.security.Signature.verify"), "vert.x-eventloop-thread-0");

        assertThat(profile.markdown("x")).contains("| " + ProfileBreakdown.ARITHMETIC + " | 50.0 % | 100.0 % |")
                .contains("| token verification (JWT, signatures) | 50.0 % | 50.0 % |");
    }

    @Test
    void threadsOfOneKindAreCountedTogether() {
        assertThat(ProfileBreakdown.threadGroup("executor-thread-12")).isEqualTo("executor-thread");
        assertThat(ProfileBreakdown.threadGroup("pool-3-thread-1")).isEqualTo("pool-N-thread");
        assertThat(ProfileBreakdown.threadGroup("kafka-producer-network-thread | producer-1"))
                .isEqualTo("kafka-producer-network-thread | producer");
        assertThat(ProfileBreakdown.threadGroup(null)).isEqualTo("(unknown)");
    }
}
