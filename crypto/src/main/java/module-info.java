/**
 * Vat identities, vat ids, swiss numbers and key-pinned TLS 1.3 for Erg.
 */
module dev.erg.crypto {
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires org.bouncycastle.tls;
    requires java.logging;

    exports dev.erg.crypto;
}
