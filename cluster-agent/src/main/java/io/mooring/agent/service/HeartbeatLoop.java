package io.mooring.agent.service;

import io.mooring.events.agent.Heartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The heartbeat: keeps the cluster Connected, and says with which permissions the agent runs. */
final class HeartbeatLoop implements Loop.Body {

    private final AgentAssembly parts;
    private volatile Instant last;
    private final AtomicLong sent = new AtomicLong();

    HeartbeatLoop(AgentAssembly parts) {
        this.parts = parts;
    }

    @Override
    public Duration run() {
        Instant now = parts.clock.instant();
        parts.calls.run(token -> parts.platform.heartbeat(token,
                new Heartbeat(UUID.randomUUID(), now, parts.settings.agentVersion(), parts.cluster.verdict().permissions())));
        last = now;
        sent.incrementAndGet();
        return parts.settings.heartbeatInterval();
    }

    Instant last() {
        return last;
    }

    long sent() {
        return sent.get();
    }
}
