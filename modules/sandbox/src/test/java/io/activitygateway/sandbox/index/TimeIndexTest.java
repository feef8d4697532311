package io.activitygateway.sandbox.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The index and its paging arithmetic against a brute-force sort and filter. */
class TimeIndexTest {

    record Item(long time, long id, boolean visible) {
    }

    @Test
    void outOfOrderInsertsStaySortedAndWindowsMatchBruteForce() {
        Random random = new Random(1);
        TimeIndex<Item> index = new TimeIndex<>(Item::time, Item::id);
        List<Item> all = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // Mostly increasing, sometimes far back, with many equal times.
            long time = random.nextInt(10) == 0 ? random.nextInt(1_000) : i / 3;
            Item item = new Item(time, i, time < 1_500 || random.nextBoolean());
            index.add(item);
            all.add(item);
        }
        all.sort(Comparator.comparingLong(Item::time).thenComparingLong(Item::id));
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.get(i), index.get(i));
        }
        Predicate<Item> visible = Item::visible;
        for (TimeRange range : List.of(TimeRange.ALL, TimeRange.closed(100, 900),
                new TimeRange(500, false, 1_600, false), TimeRange.closed(1_400, 1_700).atLeast(1_450))) {
            List<Item> expected = all.stream().filter(it -> inside(range, it.time()) && it.visible()).toList();
            for (boolean descending : new boolean[] {false, true}) {
                Hits<Item> hits = Hits.window(index, range, 1_500, visible, descending);
                List<Item> ordered = new ArrayList<>(expected);
                if (descending) {
                    java.util.Collections.reverse(ordered);
                }
                assertEquals(ordered.size(), hits.count(), range + " " + descending);
                assertEquals(ordered, hits.page(0, Integer.MAX_VALUE));
                assertEquals(ordered.subList(7, 20), hits.page(7, 13));
            }
            assertEquals(expected, Hits.collect(List.of(index), range, visible));
        }
    }

    private static boolean inside(TimeRange r, long t) {
        return (r.fromInclusive() ? t >= r.from() : t > r.from()) && (r.toInclusive() ? t <= r.to() : t < r.to());
    }
}
