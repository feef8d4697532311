package io.activitygateway.sandbox.truth;

/** An API's emitted changes, read by position so a million entries need not be copied to be listed. */
public interface TruthSource {

    int truthSize();

    TruthEntry truthAt(int index);
}
