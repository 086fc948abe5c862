package dev.erg.server.admin;

import dev.erg.server.durable.Alarm;
import dev.erg.vat.Promise;
import java.util.List;

/**
 * The administration of one running vat-server. Holding a reference to it is the authority
 * to manage the server: the server writes its sturdy ref, new at each start, to
 * {@code admin.ref} in the data directory, readable by the directory's owner only, and the
 * command line connects to it. Failures break the answer with a problem of kind
 * {@value #NO_SUCH_SERVICE}, {@value #BAD_STURDY_REF}, {@value #NOT_REVOCABLE}, {@value #NO_STOPPED_OUTBOX},
 * {@value #NO_CLUSTER} or {@value #CLUSTER_UNAVAILABLE}.
 */
public interface Admin {

    /** Kind of the problem of {@link #mint} for a service that is not hosted. */
    String NO_SUCH_SERVICE = "NoSuchService";
    /** Kind of the problem of {@link #revoke} for text that is not a sturdy ref of this server. */
    String BAD_STURDY_REF = "BadSturdyRef";
    /** Kind of the problem of {@link #revokeLive} for a sturdy ref not minted revocable. */
    String NOT_REVOCABLE = "NotRevocable";
    /** Kind of the problem of {@link #resumeOutbox} for a vat this server has no stopped outbox to. */
    String NO_STOPPED_OUTBOX = "NoStoppedOutbox";
    /** Kind of the problem of {@link #cluster} on a server that is not a member of a cluster. */
    String NO_CLUSTER = "NoCluster";
    /** Kind of the problem of {@link #cluster} when the cluster's database does not answer. */
    String CLUSTER_UNAVAILABLE = "ClusterUnavailable";
    /**
     * Kind of the problem of {@link #place} or {@link #move} for a service not configured, a vat
     * not placed, a server that is not a live member, or a placed vat its server has not
     * reported running in time.
     */
    String CANNOT_PLACE = "CannotPlace";

    /** Issues a new sturdy ref to the hosted service {@code service}, kept across restarts; answers its text. */
    Promise<String> mint(String service);

    /** The sturdy refs issued to hosted objects, oldest first. */
    Promise<List<SturdyListing>> list();

    /**
     * Issues a new sturdy ref to the hosted service {@code service}, served through a membrane
     * so that {@link #revokeLive} can cut the references obtained through it: the one fetched
     * and those its calls answer. Each call on them takes one more hop, through the membrane's
     * vat. Answers its text.
     */
    Promise<String> mintRevocable(String service);

    /** Makes the sturdy ref {@code sturdyRef} designate nothing, for good; answers whether it designated something. */
    Promise<Boolean> revoke(String sturdyRef);

    /**
     * Revokes {@code sturdyRef}, minted by {@link #mintRevocable}, and cuts every live reference
     * obtained through it: calls on them break with a {@code Revoked} problem. Breaks with
     * {@value #NOT_REVOCABLE} for a ref minted otherwise, leaving it in force.
     */
    Promise<Boolean> revokeLive(String sturdyRef);

    /** What the server is doing. */
    Promise<ServerStatus> status();

    /** The cluster this server is a member of: its members with their leases and load, and where each vat is placed. */
    Promise<ClusterStatus> cluster();

    /**
     * Spawns a vat running the configured service {@code service} in the cluster, on the live
     * member whose id is or begins with {@code server}, or, if it is empty, on one chosen by the
     * service's placement policy; answers the sturdy ref of the vat's root. The vat has a key of
     * its own, sealed in the directory, and its durable state lives in the cluster's database,
     * so the ref stays valid wherever the vat moves. The chosen server starts it at its next
     * look at the directory, within a heartbeat, and reports it running there; only then is
     * the answer given. If it has not reported it within 10 of the cluster's heartbeats (the
     * service will not start there, say), the answer breaks with {@value #CANNOT_PLACE}, and
     * the directory still places the vat on that server, which may start it later.
     */
    Promise<String> place(String service, String server);

    /**
     * Moves the placed vat {@code vatId}, running, to the live member whose id is or begins
     * with {@code server}: its server stops it at a turn boundary, hands its durable state over
     * through the cluster's database, and redirects those who dial it. Answers its placement as
     * the move begins or, if {@code waitSeconds} is more than 0, once it has left its server
     * (or that long has passed: the placement then still names the old server).
     */
    Promise<VatPlacement> move(String vatId, String server, long waitSeconds);

    /**
     * Sends the letters waiting in the stopped outbox towards vat {@code vatId} again, on a
     * new stream, and answers how many: an operator's decision after an amnesia alarm, since
     * the receiver may then consume again letters it had consumed before.
     */
    Promise<Long> resumeOutbox(String vatId);

    /**
     * The alarms of the server's durable store, oldest first: those not acknowledged, or with
     * {@code acknowledgedToo} every one it keeps. Breaks with {@code StorageFailure} if the
     * store cannot be read.
     */
    Promise<List<Alarm>> alarms(boolean acknowledgedToo);

    /**
     * Acknowledges alarm {@code id}, in the store, so that it is no longer listed as open;
     * answers whether it was open. Breaks with {@code StorageFailure} if the store cannot be written.
     */
    Promise<Boolean> acknowledgeAlarm(long id);

    /**
     * Stops the server in order, as SIGTERM does, and its process then exits. Answers as the
     * stop begins; since stopping ends every session, the caller's included, the answer may
     * instead be a broken promise whose problem ends with the server's shutdown reason.
     */
    Promise<Void> stop();
}
