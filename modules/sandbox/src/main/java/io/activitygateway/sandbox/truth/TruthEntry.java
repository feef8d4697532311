package io.activitygateway.sandbox.truth;

import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.fault.Malformation;
import java.time.Instant;
import java.util.List;

/**
 * One distinct change the sandbox emitted. An adapter that works stores exactly one event per entry.
 *
 * @param changeId    sandbox-internal, unique across APIs, in emission order
 * @param upstreamIds what the vendor calls it: Kantata one event id (two when emitted as a duplicate),
 *                    Onehub the event id, Worksection none (its records carry no id)
 * @param happenedAt  the exact moment of the change (Kantata {@code subject_changed_at})
 * @param visibleAt   when the API first serves it (later than {@code happenedAt} under Kantata lateness)
 * @param action      the native action: Kantata {@code event_type}, Worksection {@code action}, Onehub verb
 * @param objectType  Kantata {@code subject_type}, Worksection {@code object.type}, Onehub {@code file},
 *                    {@code folder} or {@code invitation}
 * @param containerId Kantata workspace, Worksection project, Onehub workspace
 * @param malformed   non-null when the record is served broken on purpose
 */
public record TruthEntry(Api api, long changeId, List<String> upstreamIds, Instant happenedAt, Instant visibleAt,
                         String action, String objectType, String objectId, String actorId, String containerId,
                         Malformation malformed) {
}
