package org.bankcrm.client.app;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.client.domain.StatedNeeds;
import org.bankcrm.client.store.ClientRepository;
import org.bankcrm.platform.events.MalformedEventException;
import org.bankcrm.platform.store.ClientLocks;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The needs and motives a client stated at a touchpoint, from interaction-service's {@code crm.interaction.recorded},
 * applied in the inbox's transaction under the client's lock: the statement becomes the client's current one unless
 * it is older than the one held (or the client was erased), and segment membership and value follow it as after any
 * change of the client.
 */
@ApplicationScoped
public class StatedNeedsIntake {
    private static final Logger LOG = Logger.getLogger(StatedNeedsIntake.class);

    /** What became of a statement. */
    public enum Verdict {
        /** now the client's current statement */
        TAKEN,
        /** older than the client's current statement, or the same again */
        SUPERSEDED,
        /** the client was erased: what they want in life is no longer kept */
        ERASED_CLIENT
    }

    private final ClientRepository clients;
    private final ClientLocks locks;
    private final ClientChanges changes;
    private final Clock clock = Clock.systemUTC();

    public StatedNeedsIntake(ClientRepository clients, ClientLocks locks, ClientChanges changes) {
        this.clients = clients;
        this.locks = locks;
        this.changes = changes;
    }

    /** A client this service never registered cannot state needs: the record goes to the DLQ with the reason. */
    public Uni<Verdict> apply(UUID clientId, StatedNeeds statement) {
        return locks.lock(clientId).chain(() -> clients.findById(clientId)).chain(client -> {
            if (client == null) {
                return Uni.createFrom().failure(new MalformedEventException("client " + clientId + " is not known"));
            }
            if (client.isErased()) {
                LOG.debugf("stated needs of erased client %s ignored", clientId);
                return Uni.createFrom().item(Verdict.ERASED_CLIENT);
            }
            if (!client.stateNeeds(statement, clock.instant())) {
                return Uni.createFrom().item(Verdict.SUPERSEDED);
            }
            return changes.clientChanged(client).replaceWith(Verdict.TAKEN);
        });
    }
}
