package io.activitygateway.gateway.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A span in which a connection's events may be missing for good, as its adapter reported it. */
@Entity
@Table(name = "source_gap")
public class SourceGapEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String connection;
    @Column(name = "gap_from")
    public Instant from;
    @Column(name = "gap_to")
    public Instant to;
    public String reason;
    @Column(name = "reported_at")
    public Instant reportedAt;
}
