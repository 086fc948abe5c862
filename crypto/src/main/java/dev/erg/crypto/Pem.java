package dev.erg.crypto;

import dev.erg.crypto.KeyFileException.Reason;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The PEM text framing of RFC 7468, as much of it as key files need. Reading is split in two
 * steps so that a caller can refuse a block by its label before trying to decode a body that
 * may be in a foreign format.
 */
final class Pem {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final int LINE_LENGTH = 64;

    /** The first block of a PEM text: its label and its base64 body lines. */
    record Block(String label, List<String> body) {
    }

    private Pem() {
    }

    static String encode(String label, byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder text = new StringBuilder(BEGIN).append(label).append(DASHES).append('\n');
        for (int i = 0; i < base64.length(); i += LINE_LENGTH) {
            text.append(base64, i, Math.min(base64.length(), i + LINE_LENGTH)).append('\n');
        }
        return text.append(END).append(label).append(DASHES).append('\n').toString();
    }

    /** Finds the first block of {@code text}, read from {@code file}. */
    static Block firstBlock(Path file, String text) throws KeyFileException {
        if (text.isBlank()) {
            throw new KeyFileException(file, Reason.EMPTY, "empty");
        }
        List<String> lines = text.lines().map(String::strip).toList();
        int begin = 0;
        while (begin < lines.size() && !lines.get(begin).startsWith(BEGIN)) {
            begin++;
        }
        if (begin == lines.size()) {
            throw new KeyFileException(file, Reason.NOT_PEM,
                    "not PEM (no '" + BEGIN + "' line)");
        }
        String beginLine = lines.get(begin);
        if (!beginLine.endsWith(DASHES) || beginLine.length() < BEGIN.length() + DASHES.length()) {
            boolean cutShort = begin == lines.size() - 1;
            throw new KeyFileException(file, cutShort ? Reason.TRUNCATED : Reason.MALFORMED,
                    (cutShort ? "truncated" : "malformed") + " (line " + (begin + 1) + " '"
                            + beginLine + "' does not end with '" + DASHES + "')");
        }
        String label = beginLine.substring(BEGIN.length(), beginLine.length() - DASHES.length());
        String endLine = END + label + DASHES;
        int end = lines.subList(begin + 1, lines.size()).indexOf(endLine);
        if (end < 0) {
            throw new KeyFileException(file, Reason.TRUNCATED,
                    "truncated (no '" + endLine + "' line)");
        }
        return new Block(label, lines.subList(begin + 1, begin + 1 + end));
    }

    /** The bytes of a block's body, which must be plain base64 without PEM headers. */
    static byte[] decodeBody(Path file, Block block) throws KeyFileException {
        String base64 = String.join("", block.body());
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, Reason.MALFORMED,
                    "bad base64 in the " + block.label() + " block: " + e.getMessage());
        }
    }
}
