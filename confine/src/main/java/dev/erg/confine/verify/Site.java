package dev.erg.confine.verify;

/**
 * Where in a bundle something was found: a class, a method ({@code name} and descriptor) and a
 * bytecode offset.
 */
record Site(String className, String method, int offset) {

    void report(Findings findings, Rule rule, String detail) {
        findings.add(className, method, offset, rule, detail);
    }
}
