package dev.erg.samples.revoke;

import dev.erg.vat.Problem;
import java.util.List;

/**
 * How the revocation sample ended.
 *
 * @param readBefore    what the auditor read before its access was revoked
 * @param folderAfter   how the auditor's next read, on the folder it had obtained, broke
 * @param roomAfter     how the auditor's next call on the data room itself broke
 * @param fetchAgain    how fetching the revoked sturdy ref again broke
 * @param staffReadAfter what Acme's own staff read after the revocation, through their own ref
 */
public record RevocationReport(List<String> readBefore, Problem folderAfter, Problem roomAfter, Problem fetchAgain,
                               String staffReadAfter) {
}
