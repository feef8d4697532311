package io.activitygateway.gateway.source;

import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceKind;

/** One configured connection: its validated settings and the adapter its kind made from them. */
public record Connection(String name, SourceKind kind, ConnectionSettings settings, boolean enabled,
        SourceAdapter adapter) {
}
