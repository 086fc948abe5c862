package dev.erg.bench.wire;

import dev.erg.vat.Promise;

/** What {@link ErgPeer} serves and {@link ErgSystem} calls over CapTP. */
public interface WireEcho {

    /** Answers {@code payload}. */
    Promise<byte[]> echo(byte[] payload);

    /** A new echo object: a step of a dependent chain, whose next call goes to this answer. */
    Promise<WireEcho> next();
}
