/**
 * A load driver for health-service: {@link io.mooring.simulator.load.LoadDriver} plays N synthetic agents
 * (heartbeats every 30 s of simulated time, compressed, and batches of events) against a running instance, for
 * a bounded time and on loopback only, and prints the events per second accepted and heartbeat p50/p99.
 *
 * <h2>Running it against a local health-service</h2>
 * <pre>
 * # class path with Kafka's jars and test-support (for the broker, the keys and kafka-clients)
 * ./mvnw -q -pl test-support dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * CP=$(cat /tmp/cp.txt):$HOME/.m2/repository/io/mooring/mooring-test-support/0.1.0-SNAPSHOT/mooring-test-support-0.1.0-SNAPSHOT.jar
 *
 * # keys: KeyMaterial.generate(Path.of("/tmp/load-keys")) writes jwks.json and agent-signing-key.pem
 * # a broker, and a database
 * java -cp "$CP" io.mooring.testsupport.KafkaBroker 19092 19093 /tmp/load-kafka &amp;
 * psql -h 127.0.0.1 -U postgres -c "create database mooring_health_load"
 *
 * # health-service
 * java -Dquarkus.http.port=18082 \
 *   -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/mooring_health_load \
 *   -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/mooring_health_load \
 *   -Dkafka.bootstrap.servers=127.0.0.1:19092 \
 *   -Dmp.jwt.verify.publickey.location=file:///tmp/load-keys/jwks.json \
 *   -jar health-service/target/quarkus-app/quarkus-run.jar &amp;
 *
 * # the driver: announces its clusters with ClusterImported (kafka-clients from $CP), mints agent tokens with
 * # the registry's key, warms up (first heartbeat of each agent), then runs for --duration
 * java -cp cluster-simulator/target/classes:"$CP" io.mooring.simulator.load.LoadDriver --clusters=1000 \
 *   --duration=60s --url=http://127.0.0.1:18082 --agent-key=/tmp/load-keys/agent-signing-key.pem \
 *   --kafka=127.0.0.1:19092
 * </pre>
 * With tokens issued elsewhere, give {@code --tokens-file} (lines {@code <clusterId> <token>}) instead of
 * {@code --agent-key}; without {@code --kafka} the clusters must already be known to health-service.
 */
package io.mooring.simulator.load;
