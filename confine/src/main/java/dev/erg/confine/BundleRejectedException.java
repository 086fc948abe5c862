package dev.erg.confine;

import java.util.List;

/** A bundle is malformed or breaks the rules of the confined subset; lists every violation found. */
public final class BundleRejectedException extends Exception {

    private static final int LISTED = 20;

    private final String hash;
    private final List<Violation> violations;

    public BundleRejectedException(String hash, List<Violation> violations) {
        super(summary(hash, violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one violation");
        }
        this.hash = hash;
        this.violations = List.copyOf(violations);
    }

    /** The SHA-256 of the rejected bundle, in hex, or empty if it could not be read at all. */
    public String hash() {
        return hash;
    }

    /** Every violation found, in the order of the bundle's classes and their bytecode. */
    public List<Violation> violations() {
        return violations;
    }

    private static String summary(String hash, List<Violation> violations) {
        StringBuilder text = new StringBuilder("bundle ")
                .append(hash.isEmpty() ? "(unreadable)" : hash.substring(0, Math.min(12, hash.length())))
                .append(" rejected, ").append(violations.size())
                .append(violations.size() == 1 ? " violation:" : " violations:");
        violations.stream().limit(LISTED).forEach(v -> text.append("\n  ").append(v));
        if (violations.size() > LISTED) {
            text.append("\n  ... and ").append(violations.size() - LISTED).append(" more");
        }
        return text.toString();
    }
}
