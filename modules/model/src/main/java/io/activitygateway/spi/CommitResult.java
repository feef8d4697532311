package io.activitygateway.spi;

/**
 * @param stored     events that were new and are now stored
 * @param duplicates events skipped because their key was already stored or repeated in the batch
 */
public record CommitResult(int stored, int duplicates) {
}
