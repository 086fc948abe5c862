package dev.erg.samples.revoke;

import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import java.util.Map;

/**
 * Makes Acme's data room, as the maker {@code data-room}: the {@value #FOLDER} folder holds
 * the documents an auditor reads, {@code Q1} to {@code Q4}.
 */
public final class DataRoomMaker implements ServiceMaker {

    /** The folder the auditor reads. */
    public static final String FOLDER = "accounts";

    static final Map<String, Map<String, String>> DOCUMENTS = Map.of(
            FOLDER, Map.of(
                    "Q1", "Q1: revenue 120, costs 100",
                    "Q2", "Q2: revenue 130, costs 105",
                    "Q3", "Q3: revenue 90, costs 110",
                    "Q4", "Q4: revenue 150, costs 120"),
            "board", Map.of("minutes", "The board met and agreed to audit the accounts."));

    @Override
    public String name() {
        return "data-room";
    }

    @Override
    public Object make(ServiceContext context) {
        return context.vat().export(new Shelves(context.vat(), DOCUMENTS), DataRoom.class);
    }
}
