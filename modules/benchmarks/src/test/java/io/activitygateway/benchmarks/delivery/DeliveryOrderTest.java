package io.activitygateway.benchmarks.delivery;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryOrderTest {

    @Test
    void aResentTailIsAllowedAndNothingElse() {
        assertNull(DeliveryOrder.problem(List.of(1L, 2L, 3L, 4L), 0));
        assertNull(DeliveryOrder.problem(List.of(1L, 2L, 3L, 4L, 3L, 4L, 5L), 1));
        assertNull(DeliveryOrder.problem(List.of(1L, 3L, 5L, 5L, 7L), 1), "a filtered channel: gaps in seq");
        assertNotNull(DeliveryOrder.problem(List.of(1L, 2L, 3L, 4L, 3L, 4L, 5L), 0), "one crash too many");
        assertNotNull(DeliveryOrder.problem(List.of(1L, 2L, 3L, 4L, 2L, 4L, 5L), 1), "3 skipped in the resend");
        assertNotNull(DeliveryOrder.problem(List.of(1L, 2L, 4L, 3L, 5L), 1), "out of order is not a resend");
    }
}
