package dev.erg.confine;

/** A host type shown to bundles in tests: an interface they implement and a method they call. */
public interface HostGreeter {

    String greet(String name);

    static String shout(String text) {
        return text + "!";
    }
}
