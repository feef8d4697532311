package io.activitygateway.sandbox.world;

import java.time.ZoneId;

/**
 * One simulated person, known to all three vendors under a different id each. {@code zone} is their Onehub
 * time zone (Onehub reads and writes times in the requesting user's zone).
 */
public record Person(int index, String name, String email, long kantataUserId, long worksectionUserId,
                     long onehubUserId, ZoneId zone) {
}
