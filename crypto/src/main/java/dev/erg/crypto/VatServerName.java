package dev.erg.crypto;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.StandardConstants;

/**
 * The TLS server name (RFC 6066) a dialer sends to say which vat it wants: the vat id's text
 * form followed by {@value #SUFFIX}, such as
 * {@code sth3dlhlzi5zkn2a5dasmipocr4xt7q3srbishrazombfe6zyk5a.vat.erg}. A listener that hosts
 * several vats presents the key of the vat so named.
 */
public final class VatServerName {

    /** What follows the vat id in a server name. */
    public static final String SUFFIX = ".vat.erg";

    private VatServerName() {
    }

    /** The server name that asks for {@code vat}. */
    public static SNIHostName of(VatId vat) {
        return new SNIHostName(vat + SUFFIX);
    }

    /**
     * The vat {@code name} asks for; empty if it is not a host name of this form (any case).
     */
    public static Optional<VatId> vatOf(SNIServerName name) {
        if (name == null || name.getType() != StandardConstants.SNI_HOST_NAME) {
            return Optional.empty();
        }
        String text = new String(name.getEncoded(), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        if (text.length() != VatId.TEXT_LENGTH + SUFFIX.length() || !text.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(VatId.parse(text.substring(0, VatId.TEXT_LENGTH)));
        } catch (IllegalArgumentException notAVatId) {
            return Optional.empty();
        }
    }

    /**
     * The vat the first host name of {@code names} asks for: empty if there is none, or if it
     * does not name a vat.
     */
    public static Optional<VatId> vatIn(List<SNIServerName> names) {
        if (names == null) {
            return Optional.empty();
        }
        return names.stream()
                .filter(name -> name.getType() == StandardConstants.SNI_HOST_NAME)
                .findFirst()
                .flatMap(VatServerName::vatOf);
    }
}
