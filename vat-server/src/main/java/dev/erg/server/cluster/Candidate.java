package dev.erg.server.cluster;

/**
 * A live, active member that could take a vat, with how many vats the directory places on it.
 *
 * @param member     the member, as read in the taking transaction
 * @param placedVats the vats the directory places on it now
 */
public record Candidate(Member member, long placedVats) {
}
