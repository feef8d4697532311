package io.activitygateway.sandbox.index;

import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * Items kept sorted by (time, id) so a time window is two binary searches away. Appends are the common case
 * (the generator emits in time order); an out-of-order insert shifts the tail. Not thread-safe: each store
 * guards its indexes with its own lock.
 */
public final class TimeIndex<E> {

    private final ToLongFunction<E> time;
    private final ToLongFunction<E> id;
    private Object[] items = new Object[8];
    private int size;

    public TimeIndex(ToLongFunction<E> time, ToLongFunction<E> id) {
        this.time = time;
        this.id = id;
    }

    public void add(E item) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size + (size >> 1) + 8);
        }
        long t = time.applyAsLong(item);
        long i = id.applyAsLong(item);
        int pos = size;
        if (size > 0 && compare(get(size - 1), t, i) > 0) {
            pos = firstGreater(t, i);
            System.arraycopy(items, pos, items, pos + 1, size - pos);
        }
        items[pos] = item;
        size++;
    }

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) items[index];
    }

    /** Position of the first item whose time is {@code >= millis} (size if none). */
    public int firstAtOrAfter(long millis) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time.applyAsLong(get(mid)) < millis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Position of the first item whose time is {@code > millis} (size if none). */
    public int firstAfter(long millis) {
        return millis == Long.MAX_VALUE ? size : firstAtOrAfter(millis + 1);
    }

    public int lowerBound(TimeRange range) {
        return range.fromInclusive() ? firstAtOrAfter(range.from()) : firstAfter(range.from());
    }

    public int upperBound(TimeRange range) {
        return range.toInclusive() ? firstAfter(range.to()) : firstAtOrAfter(range.to());
    }

    private int firstGreater(long t, long i) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(get(mid), t, i) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int compare(E item, long t, long i) {
        int byTime = Long.compare(time.applyAsLong(item), t);
        return byTime != 0 ? byTime : Long.compare(id.applyAsLong(item), i);
    }

    int compareItems(E a, E b) {
        int byTime = Long.compare(time.applyAsLong(a), time.applyAsLong(b));
        return byTime != 0 ? byTime : Long.compare(id.applyAsLong(a), id.applyAsLong(b));
    }
}
