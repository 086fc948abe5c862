package dev.erg.server.admin;

import dev.erg.server.durable.Alarm;
import dev.erg.server.durable.OutboxStatus;
import dev.erg.server.worker.WorkerStatus;
import java.util.List;

/** The records that cross between the command line and a server's {@link Admin}. */
public final class AdminProtocol {

    /** Registered on both sides: by the server, and by every client of its admin object. */
    public static final List<Class<?>> PASSABLES = List.of(SturdyListing.class, VatStatus.class, ServerStatus.class,
            OutboxStatus.class, WorkerStatus.class, ConfinedVatStatus.class, ClusterStatus.class, MemberListing.class,
            VatPlacement.class, Alarm.class);

    private AdminProtocol() {
    }
}
