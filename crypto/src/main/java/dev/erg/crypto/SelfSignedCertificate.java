package dev.erg.crypto;

import static dev.erg.crypto.Der.BIT_STRING;
import static dev.erg.crypto.Der.BOOLEAN;
import static dev.erg.crypto.Der.GENERALIZED_TIME;
import static dev.erg.crypto.Der.INTEGER;
import static dev.erg.crypto.Der.OCTET_STRING;
import static dev.erg.crypto.Der.SEQUENCE;
import static dev.erg.crypto.Der.SET;
import static dev.erg.crypto.Der.UTC_TIME;
import static dev.erg.crypto.Der.UTF8_STRING;
import static dev.erg.crypto.Der.explicit;
import static dev.erg.crypto.Der.hex;
import static dev.erg.crypto.Der.tlv;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * The X.509 certificate a vat shows in TLS: self-signed, subject {@code CN=<vat id>}, usable
 * by both TLS clients and servers. It is only an envelope for the public key; peers trust the
 * key it carries, never its dates or its issuer, so it is valid from 1970 until the end of
 * the year 9999 (RFC 5280's "no well-defined expiration"). Ed25519 signatures are
 * deterministic and nothing else varies, so a key always yields the same certificate.
 *
 * <p>Everything but the name and the key is fixed, so the DER is written here directly and
 * signed with the JDK's Ed25519: no ASN.1 library is loaded to make it.
 */
public final class SelfSignedCertificate {

    /** AlgorithmIdentifier { id-Ed25519 }, without parameters (RFC 8410). */
    private static final byte[] ED25519 = hex("300506032b6570");

    /** The fixed fields before the issuer: version v3, serial number 1, the signature algorithm. */
    private static final byte[] VERSION_SERIAL_ALGORITHM =
            Der.concat(tlv(explicit(0), tlv(INTEGER, hex("02"))), tlv(INTEGER, hex("01")), ED25519);

    /** From 1970-01-01T00:00:00Z (UTCTime) to 9999-12-31T23:59:59Z (GeneralizedTime). */
    private static final byte[] VALIDITY = tlv(SEQUENCE,
            tlv(UTC_TIME, ascii("700101000000Z")),
            tlv(GENERALIZED_TIME, ascii("99991231235959Z")));

    /** [3] extensions: key usage digitalSignature (critical); extended key usage serverAuth, clientAuth. */
    private static final byte[] EXTENSIONS = tlv(explicit(3), tlv(SEQUENCE,
            tlv(SEQUENCE, hex("0603551d0f"), tlv(BOOLEAN, hex("ff")),
                    tlv(OCTET_STRING, tlv(BIT_STRING, hex("0780")))),
            tlv(SEQUENCE, hex("0603551d25"),
                    tlv(OCTET_STRING, tlv(SEQUENCE, hex("06082b06010505070301"), hex("06082b06010505070302"))))));

    /** The attribute type commonName, 2.5.4.3. */
    private static final byte[] COMMON_NAME = hex("0603550403");

    private SelfSignedCertificate() {
    }

    /** The certificate of {@code identity}, as a JDK certificate object. */
    public static X509Certificate of(VatIdentity identity) {
        return TlsProvider.JDK.certificate(encoded(identity));
    }

    /** The DER encoding of the certificate of {@code identity}. */
    static byte[] encoded(VatIdentity identity) {
        byte[] name = tlv(SEQUENCE, tlv(SET, tlv(SEQUENCE, COMMON_NAME,
                tlv(UTF8_STRING, identity.vatId().toString().getBytes(StandardCharsets.UTF_8)))));
        byte[] toBeSigned = tlv(SEQUENCE, VERSION_SERIAL_ALGORITHM, name, VALIDITY, name,
                Ed25519Keys.subjectPublicKeyInfo(identity.rawPublicKey()), EXTENSIONS);
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("Ed25519", "SunEC");
            signer.initSign(identity.jdkPrivateKey());
            signer.update(toBeSigned);
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SunEC provider cannot sign with Ed25519", e);
        }
        // A BIT STRING of whole bytes: no unused bits.
        return tlv(SEQUENCE, toBeSigned, ED25519, tlv(BIT_STRING, new byte[] {0}, signature));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
