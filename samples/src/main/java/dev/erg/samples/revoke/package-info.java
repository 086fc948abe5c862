/**
 * Revoking an outsider's access in the middle of its use: Acme hands its auditor a revocable
 * sturdy ref to its {@link dev.erg.samples.revoke.DataRoom}, and cuts it, with everything the
 * auditor obtained through it, while the auditor is reading
 * ({@link dev.erg.samples.revoke.RevocationSample}).
 */
package dev.erg.samples.revoke;
