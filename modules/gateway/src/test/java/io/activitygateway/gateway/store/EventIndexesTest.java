package io.activitygateway.gateway.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every filter of the list API, in the order the API asks for, is answered from an index rather than a scan of
 * the table. On PostgreSQL sequential scans are switched off for the query, so a plan without "Seq Scan" proves a
 * usable index exists; H2 names the index it picks.
 */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class EventIndexesTest {

    @Inject
    EntityManager em;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @ParameterizedTest
    @CsvSource({ "connection, event_connection_ix", "source, event_source_ix", "type, event_type_ix",
            "source_type, event_source_type_ix", "object_type, event_object_type_ix", "object_id, event_object_id_ix",
            "actor_id, event_actor_ix", "container_id, event_container_ix" })
    void eachFilterColumnHasItsOwnIndex(String column, String index) {
        String plan = plan("SELECT * FROM event WHERE " + column + " = 'x' ORDER BY occurred_at DESC, seq DESC"
                + " LIMIT 101");
        assertUsesIndex(plan);
        assertTrue(plan.toLowerCase().contains(index), "expected " + index + " in\n" + plan);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM event ORDER BY occurred_at DESC, seq DESC LIMIT 101",
            "SELECT * FROM event WHERE occurred_at >= TIMESTAMP '2030-01-01 00:00:00' ORDER BY occurred_at, seq LIMIT 101",
            "SELECT * FROM event WHERE seq > 1000 ORDER BY seq LIMIT 500",
    })
    void unfilteredPagesAndTheFeedReadAreServedByAnIndex(String sql) {
        assertUsesIndex(plan(sql));
    }

    private void assertUsesIndex(String plan) {
        if (dbKind.startsWith("postgres")) {
            assertFalse(plan.contains("Seq Scan"), plan);
            assertTrue(plan.contains("Index"), plan);
        } else {
            assertFalse(plan.contains("tableScan"), plan);
            assertTrue(plan.toUpperCase().contains("_IX") || plan.toUpperCase().contains("_UQ"), plan);
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    String plan(String sql) {
        if (dbKind.startsWith("postgres")) {
            em.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
        }
        List<Object> rows = em.createNativeQuery("EXPLAIN " + sql).getResultList();
        return rows.stream().map(String::valueOf).collect(Collectors.joining("\n"));
    }
}
