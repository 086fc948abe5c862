package dev.erg.samples.revoke;

import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link DataRoom} over fixed documents; each folder is an object of its own in the room's vat. */
final class Shelves implements DataRoom {

    private final Vat vat;
    private final Map<String, Map<String, String>> folders;

    Shelves(Vat vat, Map<String, Map<String, String>> folders) {
        this.vat = vat;
        this.folders = new TreeMap<>(folders);
    }

    @Override
    public Promise<List<String>> folders() {
        return Promise.of(List.copyOf(folders.keySet()));
    }

    @Override
    public Promise<Folder> folder(String name) {
        Map<String, String> documents = folders.get(name);
        if (documents == null) {
            throw new ProblemException(Problem.of("NoSuchFolder", "the data room has no folder %s (it has %s)", name,
                    String.join(", ", folders.keySet())));
        }
        return Promise.of(vat.export(new Shelf(name, documents), Folder.class));
    }

    private record Shelf(String name, Map<String, String> texts) implements Folder {
        Shelf {
            texts = new TreeMap<>(texts);
        }

        @Override
        public Promise<List<String>> documents() {
            return Promise.of(List.copyOf(texts.keySet()));
        }

        @Override
        public Promise<String> read(String document) {
            String text = texts.get(document);
            if (text == null) {
                throw new ProblemException(Problem.of("NoSuchDocument", "folder %s has no document %s", name, document));
            }
            return Promise.of(text);
        }
    }
}
