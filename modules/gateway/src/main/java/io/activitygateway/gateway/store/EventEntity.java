package io.activitygateway.gateway.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.engine.spi.SelfDirtinessTracker;

/** A stored event: the unified schema, flattened into columns the query API filters on. */
@Entity
@Table(name = "event")
public class EventEntity extends PanacheEntityBase {

    @Id
    public String id;
    public long seq;
    public String source;
    public String connection;
    @Column(name = "source_event_id")
    public String sourceEventId;
    public String type;
    @Column(name = "source_type")
    public String sourceType;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "occurred_precision")
    public String occurredPrecision;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    @Column(name = "ingested_at")
    public Instant ingestedAt;
    @Column(name = "actor_id")
    public String actorId;
    @Column(name = "actor_name")
    public String actorName;
    @Column(name = "actor_email")
    public String actorEmail;
    @Column(name = "object_type")
    public String objectType;
    @Column(name = "object_id")
    public String objectId;
    @Column(name = "object_name")
    public String objectName;
    @Column(name = "object_url")
    public String objectUrl;
    @Column(name = "container_type")
    public String containerType;
    @Column(name = "container_id")
    public String containerId;
    @Column(name = "container_name")
    public String containerName;
    @Column(name = "container_url")
    public String containerUrl;
    /** JSON array of {field, old, new}. */
    public String changes;
    public String summary;
    /** The upstream record as JSON text. */
    public String raw;

    /**
     * A row built in code for plain JDBC and the feed, never written by Hibernate. Hibernate's bytecode enhancement
     * records every field write of an entity for its dirty check (a growing array of field names, about 5 % of the
     * ingest's CPU for the row and its feed copy); a row Hibernate never flushes needs none of that.
     */
    public static EventEntity untracked() {
        EventEntity row = new EventEntity();
        if ((Object) row instanceof SelfDirtinessTracker tracker) {
            tracker.$$_hibernate_suspendDirtyTracking(true);
        }
        return row;
    }

    /** A copy without the upstream record (what the feed keeps); this row stays as it is. */
    public EventEntity withoutRaw() {
        EventEntity copy = untracked();
        copy.id = id;
        copy.seq = seq;
        copy.source = source;
        copy.connection = connection;
        copy.sourceEventId = sourceEventId;
        copy.type = type;
        copy.sourceType = sourceType;
        copy.occurredAt = occurredAt;
        copy.occurredPrecision = occurredPrecision;
        copy.recordedAt = recordedAt;
        copy.ingestedAt = ingestedAt;
        copy.actorId = actorId;
        copy.actorName = actorName;
        copy.actorEmail = actorEmail;
        copy.objectType = objectType;
        copy.objectId = objectId;
        copy.objectName = objectName;
        copy.objectUrl = objectUrl;
        copy.containerType = containerType;
        copy.containerId = containerId;
        copy.containerName = containerName;
        copy.containerUrl = containerUrl;
        copy.changes = changes;
        copy.summary = summary;
        return copy;
    }
}
