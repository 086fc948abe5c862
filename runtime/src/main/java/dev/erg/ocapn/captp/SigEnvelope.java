package dev.erg.ocapn.captp;

import java.util.Objects;

/**
 * {@code <desc:sig-envelope signed signature>}: a {@link HandoffGive} or {@link HandoffReceive}
 * with an Ed25519 signature over its Syrup encoding ({@link CaptpWriter#encodeSigned}). Syrup's
 * canonical form makes that encoding the same on both sides.
 */
public record SigEnvelope(Object signed, byte[] signature) {

    public SigEnvelope {
        if (!(signed instanceof HandoffGive) && !(signed instanceof HandoffReceive)) {
            throw new IllegalArgumentException("signs a HandoffGive or HandoffReceive, not " + signed);
        }
        if (signature.length != 2 * Gcrypt.PART_LENGTH) {
            throw new IllegalArgumentException("signature of " + signature.length + " bytes (expected: 64)");
        }
        signature = signature.clone();
        Objects.requireNonNull(signed);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
