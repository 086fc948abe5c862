package dev.erg.ocapn.captp;

import java.util.Objects;

/**
 * {@code <desc:handoff-give receiver-key exporter-location session gifter-side gift-id>}: the
 * gifter's certificate that the receiver whose key (in the gifter-receiver session) is
 * {@code receiverKey} may withdraw gift {@code giftId}, deposited in the gifter-exporter session
 * {@code session} by the side {@code gifterSide}, from the exporter at {@code exporterLocation}.
 * It travels signed, in a {@link SigEnvelope}, by the gifter's key of the gifter-exporter session.
 */
public record HandoffGive(byte[] receiverKey, PeerLocator exporterLocation, byte[] session, byte[] gifterSide,
        GiftId giftId) {

    public HandoffGive {
        receiverKey = receiverKey.clone();
        Objects.requireNonNull(exporterLocation, "exporterLocation");
        session = session.clone();
        gifterSide = gifterSide.clone();
        Objects.requireNonNull(giftId, "giftId");
    }

    @Override
    public byte[] receiverKey() {
        return receiverKey.clone();
    }

    @Override
    public byte[] session() {
        return session.clone();
    }

    @Override
    public byte[] gifterSide() {
        return gifterSide.clone();
    }
}
