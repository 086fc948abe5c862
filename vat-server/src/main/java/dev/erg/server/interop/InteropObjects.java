package dev.erg.server.interop;

import dev.erg.net.OcapnNode;
import dev.erg.vat.Vat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hosts the public OCapN test suite's objects on an OCapN node, under the suite's swiss numbers. */
public final class InteropObjects {

    /** The car factory builder's swiss number. */
    public static final String CAR_FACTORY_BUILDER = "JadQ0++RzsD4M+40uLxTWVaVqM10DcBJ";
    /** The echo's, which keeps nothing it is given. */
    public static final String ECHO_GC = "IO58l1laTyhcrgDKbEzFOO32MDd6zE5w";
    /** The greeter's. */
    public static final String GREETER = "VMDDd1voKWarCe2GvgLbxbVFysNzRPzx";
    /** The promise resolver's. */
    public static final String PROMISE_RESOLVER = "IokCxYmMj04nos2JN1TDoY1bT8dXh6Lr";
    /** The sturdy ref enlivener's. */
    public static final String STURDYREF_ENLIVENER = "gi02I1qghIwPiKGKleCQAOhpy3ZtYRpB";

    private InteropObjects() {
    }

    /**
     * Exports each object from {@code vat} and registers it on {@code node}, which must
     * listen; returns their sturdy refs by swiss number.
     */
    public static Map<String, String> host(OcapnNode node, Vat vat) {
        Map<String, String> refs = new LinkedHashMap<>();
        Map<String, Procedure> objects = new LinkedHashMap<>();
        objects.put(CAR_FACTORY_BUILDER, new CarFactoryBuilder());
        objects.put(ECHO_GC, new EchoGc(new CollectionNudge()));
        objects.put(GREETER, new Greeter());
        objects.put(PROMISE_RESOLVER, new PromiseResolver());
        objects.put(STURDYREF_ENLIVENER, new SturdyRefEnlivener(node));
        objects.forEach((swiss, object) -> refs.put(swiss, node.sturdyRef(vat.export(object, Procedure.class), swiss)));
        return Map.copyOf(refs);
    }
}
