package dev.erg.captp.session;

import dev.erg.wire.codec.Descriptor;

/**
 * A signed handoff-receive certificate as a value in a message to the exporter's bootstrap
 * object. Only this package makes one, so application code cannot make a session send a
 * certificate it did not sign.
 */
record Withdrawal(Descriptor.SignedEnvelope<Descriptor.HandoffReceive> envelope) {
}
