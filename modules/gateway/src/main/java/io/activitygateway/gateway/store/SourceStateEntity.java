package io.activitygateway.gateway.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What the gateway remembers about a connection across restarts. */
@Entity
@Table(name = "source_state")
public class SourceStateEntity extends PanacheEntityBase {

    @Id
    public String connection;
    public String kind;
    /** The adapter's checkpoint as JSON, null before the first commit. */
    public String checkpoint;
    @Column(name = "checkpoint_at")
    public Instant checkpointAt;
    @Column(name = "events_ingested")
    public long eventsIngested;
    @Column(name = "last_poll_started_at")
    public Instant lastPollStartedAt;
    @Column(name = "last_poll_ended_at")
    public Instant lastPollEndedAt;
    @Column(name = "last_success_at")
    public Instant lastSuccessAt;
    @Column(name = "last_error_at")
    public Instant lastErrorAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "last_error_status")
    public Integer lastErrorStatus;
    @Column(name = "consecutive_failures")
    public int consecutiveFailures;
    /** JSON array of the last poll's warnings. */
    public String warnings;
}
