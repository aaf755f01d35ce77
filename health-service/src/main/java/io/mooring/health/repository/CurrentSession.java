package io.mooring.health.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Statements that must commit with an outbox event run through the Hibernate Reactive session of the
 * current {@code Panache.withTransaction}, which is where {@code Outbox.add} writes. Parameters are given as
 * name, value pairs and must not be null (see {@link Times#NONE}).
 */
final class CurrentSession {

    private CurrentSession() {
    }

    static Uni<Integer> update(String sql, Object... namesAndValues) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < namesAndValues.length; i += 2) {
                query.setParameter((String) namesAndValues[i], namesAndValues[i + 1]);
            }
            return query.executeUpdate();
        });
    }

    /** A statement that answers one text column (a {@code returning}, say), in the current transaction. */
    static Uni<List<String>> texts(String sql, Object... namesAndValues) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, String.class);
            for (int i = 0; i < namesAndValues.length; i += 2) {
                query.setParameter((String) namesAndValues[i], namesAndValues[i + 1]);
            }
            return query.getResultList();
        });
    }

    /** A NOTIFY on {@code channel}, sent by PostgreSQL only if and when the current transaction commits. */
    static Uni<Void> notify(String channel, String payload) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("select count(pg_notify(:channel,"
                + " :payload))").setParameter("channel", channel).setParameter("payload", payload).getSingleResult())
                .replaceWithVoid();
    }
}
