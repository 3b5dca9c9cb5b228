package org.bankcrm.platform.testing.pipeline.bypass;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A service's own tombstones of erased clients, under a name that does not say so. */
@Entity
@Table(name = "erased_client")
public class Gone {
    @Id
    public UUID clientId;
}
