/**
 * A load driver for health-service: {@link io.mooring.simulator.load.LoadDriver} plays N synthetic agents
 * (heartbeats every 30 s of simulated time, compressed, and gzipped batches of events as the agent sends them)
 * against a running instance, for a bounded time and on loopback only, and prints the events per second
 * accepted, heartbeat and batch latency percentiles, and when the slow answers came.
 *
 * <h2>Running it</h2>
 * {@code bin/load-health} does everything: builds, starts a Kafka broker and one health-service as processes on
 * a fresh database, runs the driver, and prints where the machine's CPU went. Options after it go to the driver:
 * <pre>
 * bin/load-health --clusters=1000 --duration=120s             # 20,000 events/s and 333 heartbeats/s offered
 * bin/load-health --no-build --clusters=10000 --compression=1 --batch-size=10   # 10,000 clusters in real time
 * bin/load-health --no-build --consumption --clusters=10000   # the lifecycle consumer alone, against a psql baseline
 * MOORING_LOAD_JFR=/tmp/health.jfr bin/load-health ...        # with a flight recording of health-service
 * </pre>
 * Against a service started otherwise, run the driver itself with {@code --url}, and {@code --agent-key} (the
 * registry's agent signing key, to mint tokens) or {@code --tokens-file}; {@code --kafka} announces the clusters
 * with ClusterImported first (kafka-clients on the class path); without it they must already be known.
 */
package io.mooring.simulator.load;
