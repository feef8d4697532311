package io.activitygateway.benchmarks.delivery;

import io.activitygateway.benchmarks.common.StoryRows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Fills a gateway's store (already migrated by the gateway) with story events ({@link StoryRows}) in batches of
 * 5,000; each event's object is one of {@code objects}, so every object has a history whose order a consumer can
 * check.
 */
final class StoreSeeder {

    private StoreSeeder() {
    }

    /** The event id of a seeded seq, as a consumer sees it. */
    static String id(long seq) {
        return StoryRows.id(seq);
    }

    /** The object (record key's last part) of a seeded seq. */
    static String objectId(long seq, int objects) {
        return Long.toString(100_000 + seq % objects);
    }

    /** Appends {@code count} events; returns the head afterwards. */
    static long seed(String url, String user, long count, int objects) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.setAutoCommit(false);
            long done = 0;
            long head = 0;
            while (done < count) {
                int n = (int) Math.min(5000, count - done);
                head = StoryRows.insert(c, "delivery", n, seq -> "delivery-" + seq, seq -> objectId(seq, objects));
                c.commit();
                done += n;
            }
            return head;
        }
    }
}
