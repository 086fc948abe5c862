package dev.erg.server.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * The OCapN listener beside the CapTP one ({@code ocapn.*}).
 *
 * @param listen   where OCapN listens ({@code ocapn.listen}); port 0 picks a free port at each start
 * @param netlayer the netlayer it speaks ({@code ocapn.netlayer}), one of {@link #NETLAYERS}
 * @param interop  whether it hosts the public OCapN test suite's objects ({@code ocapn.interop})
 */
public record OcapnConfig(InetSocketAddress listen, String netlayer, boolean interop) {

    /** The netlayer of the OCapN drafts' tests, and the only one this build speaks. */
    public static final String TCP_TESTING_ONLY = "tcp-testing-only";

    /** The netlayers {@code ocapn.netlayer} may name. */
    public static final List<String> NETLAYERS = List.of(TCP_TESTING_ONLY);

    public OcapnConfig {
        Objects.requireNonNull(listen, "listen");
        if (!NETLAYERS.contains(netlayer)) {
            throw new IllegalArgumentException("no OCapN netlayer is called \"" + netlayer + "\" (known: "
                    + String.join(", ", NETLAYERS) + ")");
        }
    }
}
