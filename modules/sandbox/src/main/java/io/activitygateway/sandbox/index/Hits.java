package io.activitygateway.sandbox.index;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The matches of one query in the order asked for, so a page is {@code get(offset)..get(offset + n)} without
 * copying every match. A plain time window over one index is answered by arithmetic on positions; anything
 * that needs a per-item test is collected once (only the candidates of the most selective index).
 */
public interface Hits<E> {

    int count();

    /** The k-th match, 0-based, in the requested order. */
    E get(int k);

    default List<E> page(int offset, int limit) {
        List<E> page = new ArrayList<>(Math.max(0, Math.min(limit, count() - offset)));
        for (int k = Math.max(0, offset); k < count() && page.size() < limit; k++) {
            page.add(get(k));
        }
        return page;
    }

    static <E> Hits<E> of(List<E> ascending, boolean descending) {
        return new Hits<>() {
            @Override
            public int count() {
                return ascending.size();
            }

            @Override
            public E get(int k) {
                return ascending.get(descending ? ascending.size() - 1 - k : k);
            }
        };
    }

    /**
     * Matches of {@code range} in one index. Items stamped before {@code surelyVisibleBefore} are visible by
     * construction (their delay is bounded); only the newer tail is tested with {@code visible}.
     */
    static <E> Hits<E> window(TimeIndex<E> index, TimeRange range, long surelyVisibleBefore,
                              Predicate<E> visible, boolean descending) {
        int lo = index.lowerBound(range);
        int hi = Math.max(lo, index.upperBound(range));
        int tailStart = Math.max(lo, Math.min(hi, index.firstAtOrAfter(surelyVisibleBefore)));
        int[] tail = new int[hi - tailStart];
        int tailCount = 0;
        for (int i = tailStart; i < hi; i++) {
            if (visible.test(index.get(i))) {
                tail[tailCount++] = i;
            }
        }
        int head = tailStart - lo;
        int total = head + tailCount;
        int visibleTail = tailCount;
        return new Hits<>() {
            @Override
            public int count() {
                return total;
            }

            @Override
            public E get(int k) {
                if (k < 0 || k >= total) {
                    throw new IndexOutOfBoundsException(k);
                }
                if (!descending) {
                    return index.get(k < head ? lo + k : tail[k - head]);
                }
                return index.get(k < visibleTail ? tail[visibleTail - 1 - k] : tailStart - 1 - (k - visibleTail));
            }
        };
    }

    /** Every item of {@code indexes} within {@code range} that passes {@code filter}, sorted ascending. */
    static <E> List<E> collect(List<TimeIndex<E>> indexes, TimeRange range, Predicate<E> filter) {
        List<E> out = new ArrayList<>();
        for (TimeIndex<E> index : indexes) {
            int hi = index.upperBound(range);
            for (int i = index.lowerBound(range); i < hi; i++) {
                E item = index.get(i);
                if (filter.test(item)) {
                    out.add(item);
                }
            }
        }
        if (indexes.size() > 1) {
            TimeIndex<E> order = indexes.get(0);
            out.sort(order::compareItems);
        }
        return out;
    }
}
