package io.activitygateway.gateway.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * An upstream record that could not be (fully) read; kept once however often it is read again, with the number of
 * identical copies of it one read held ({@code occurrences}), so that two alike malformed records count twice.
 */
@Entity
@Table(name = "record_problem")
public class RecordProblemEntity extends PanacheEntityBase {

    @Embeddable
    public record Key(String connection, String fingerprint) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    public String reason;
    public String raw;
    @Column(name = "event_stored")
    public boolean eventStored;
    @Column(name = "first_seen_at")
    public Instant firstSeenAt;
    public int occurrences;
}
