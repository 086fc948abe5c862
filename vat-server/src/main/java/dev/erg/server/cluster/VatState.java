package dev.erg.server.cluster;

import java.util.Locale;

/** Whether a placed vat is served where the directory says, or is being moved. */
public enum VatState {
    /** Its server serves it. */
    PLACED,
    /** Its server is handing it over: it takes no more turns until the move raises its epoch. */
    MOVING;

    /** How the {@code directory} table writes it. */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state {@code text} names, as the table writes it. */
    static VatState of(String text) {
        return switch (text) {
            case "placed" -> PLACED;
            case "moving" -> MOVING;
            default -> throw new ClusterException("the directory holds an unknown vat state \"" + text + "\"");
        };
    }
}
