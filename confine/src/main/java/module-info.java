/**
 * Untrusted code in confined vats: {@linkplain dev.erg.confine.Bundle code bundles} named by
 * their SHA-256, a default-deny verifier over their bytecode, class loaders that show a bundle
 * only the tamed JDK and Erg's public API, and metering that stops a vat which overruns its
 * budget. See {@code docs/confinement.md} for the rules a bundle must follow.
 */
module dev.erg.confine {
    requires transitive dev.erg.runtime;

    exports dev.erg.confine;
}
