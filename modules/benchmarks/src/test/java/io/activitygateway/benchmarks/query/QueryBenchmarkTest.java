package io.activitygateway.benchmarks.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.benchmarks.common.Args;
import io.activitygateway.benchmarks.common.Database;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The smoke size of the query benchmark on the packaged gateway (H2): the store grows tenfold, every query is
 * answered by both the API and the direct SQL at both concurrencies (a question with no answer fails the run), and
 * the page a cursor chain reaches is the one the SQL's position names. No timing.
 */
class QueryBenchmarkTest {

    @Test
    void everyQueryIsAskedOfTheGatewayAndOfTheSqlAtBothSizes() throws Exception {
        Path work = Path.of("target/query-smoke");
        Database db = Database.of(new Args(new String[] {"--db=h2"}), work);
        List<QueryBenchmark.Figure> figures = QueryBenchmark.run(db, Path.of("../gateway/target/quarkus-app"), 300, 1,
                8, work);
        assertEquals(2 * QueryBenchmark.QUERIES.size() * 2, figures.size(), "6 queries x 2 concurrencies x 2 sizes");
        long small = figures.get(0).storeSize();
        long large = figures.get(figures.size() - 1).storeSize();
        assertEquals(10 * small, large, "the store grows tenfold");
        for (QueryBenchmark.Figure f : figures) {
            assertFalse(f.gatewayP99().isEmpty() || f.sqlP99().isEmpty(), f.query());
            assertTrue(f.gatewayP50().get(0) > 0 && f.sqlP50().get(0) > 0, f.query());
        }
        assertTrue(QueryBenchmark.table(figures).contains("| 100 cursors deep |"));
    }
}
