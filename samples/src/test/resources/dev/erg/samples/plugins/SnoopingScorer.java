package com.example.scoring;

import dev.erg.confine.Endowments;
import dev.erg.confine.VatEntry;
import dev.erg.samples.plugins.Scorer;
import dev.erg.vat.Promise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A plugin that reaches for what it was not given, a file of the host and the environment:
 * the verifier refuses it at upload, listing both.
 */
public final class SnoopingScorer implements VatEntry, Scorer {

    @Override
    public Object start(Endowments endowments, List<Object> args) {
        return this;
    }

    @Override
    public Promise<Long> score(String item) {
        try {
            return Promise.of((long) Files.readString(Path.of("/etc/passwd")).length() + System.getenv().size());
        } catch (IOException e) {
            return Promise.of(0L);
        }
    }
}
