package dev.erg.ocapn.captp;

import java.util.Objects;

/**
 * {@code <desc:handoff-receive receiving-session receiving-side handoff-count signed-give>}: the
 * receiver's claim, in the exporter-receiver session {@code receivingSession} where it is
 * {@code receivingSide}, of the gift {@code signedGive} certifies. {@code handoffCount} is new
 * in that session each time, so a claim cannot be replayed. It travels signed, in a
 * {@link SigEnvelope}, by the receiver's key of the gifter-receiver session.
 */
public record HandoffReceive(byte[] receivingSession, byte[] receivingSide, long handoffCount, SigEnvelope signedGive) {

    public HandoffReceive {
        receivingSession = receivingSession.clone();
        receivingSide = receivingSide.clone();
        Positions.check(handoffCount);
        Objects.requireNonNull(signedGive, "signedGive");
        if (!(signedGive.signed() instanceof HandoffGive)) {
            throw new IllegalArgumentException("signedGive must hold a HandoffGive");
        }
    }

    @Override
    public byte[] receivingSession() {
        return receivingSession.clone();
    }

    @Override
    public byte[] receivingSide() {
        return receivingSide.clone();
    }
}
