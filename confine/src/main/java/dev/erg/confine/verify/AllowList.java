package dev.erg.confine.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The JDK and Erg members a bundle may use, default deny, read from the resources
 * {@code allow-list/*.txt} beside this class. Each entry carries the reason it is safe and, for a
 * "sized" member whose work or allocation grows with an argument, which argument sets the size.
 *
 * <p>Each file is a list of types, each followed by indented groups of its members:
 * <pre>
 * java.lang.String immutable : immutable text
 *     length charAt isEmpty : queries in constant time
 *     repeat(I) sized=1 : a string count times as long
 * </pre>
 * A type line may carry {@code extend} (bundle classes may extend or implement it) and
 * {@code immutable} (static final fields may hold it). A member is a name (every overload, and
 * a field of that name), a name with a parameter descriptor ({@code repeat(I)}: that overload
 * only), or {@code <init>} for constructors. {@code sized=N} names the argument that sets the
 * size: 0 for the receiver, 1 for the first parameter, and so on. Lookups are exact: they do
 * not search supertypes (the verifier does that).
 */
public final class AllowList {

    /** The list's parts, by package: {@code java.lang} and exceptions, {@code java.util}, then the rest. */
    private static final List<String> RESOURCES =
            List.of("allow-list/java-lang.txt", "allow-list/java-util.txt", "allow-list/values-and-erg.txt");
    private static final AllowList STANDARD = read();

    private final Map<String, TypeEntry> types;

    private AllowList(Map<String, TypeEntry> types) {
        this.types = Map.copyOf(types);
    }

    /**
     * One allowed member, or group of overloads.
     *
     * @param owner        the declaring type's binary name
     * @param member       the name, with a parameter descriptor if it allows a single overload
     * @param reason       why a bundle may use it
     * @param sizeArgument the argument whose size the work grows with (0 is the receiver), if any
     */
    public record Entry(String owner, String member, String reason, OptionalInt sizeArgument) {}

    private record TypeEntry(String name, String reason, boolean extendable, boolean immutable,
                             Map<String, Entry> members) {}

    /** The allow-list that ships with Erg. */
    public static AllowList standard() {
        return STANDARD;
    }

    /**
     * The entry allowing member {@code name} with {@code descriptor} (a method's or a field's)
     * declared by {@code owner}, a binary name; empty if it is not allowed.
     */
    public Optional<Entry> lookup(String owner, String name, String descriptor) {
        TypeEntry type = types.get(owner);
        if (type == null) {
            return Optional.empty();
        }
        if (descriptor.startsWith("(")) {
            Entry overload = type.members().get(name + descriptor.substring(0, descriptor.indexOf(')') + 1));
            if (overload != null) {
                return Optional.of(overload);
            }
        }
        return Optional.ofNullable(type.members().get(name));
    }

    /**
     * The entry that allows using member {@code name} with {@code descriptor} through
     * {@code owner}, a JDK or Erg type, looking in the types that declare it among
     * {@code owner} and its supertypes, as the verifier does: {@code ArrayList.addAll} is allowed
     * by {@code Collection.addAll}. For pricing calls whose named owner is not the declaring type.
     */
    public Optional<Entry> resolve(String owner, String name, String descriptor) {
        return new Hierarchy(Map.of(), Map.of()).supertypes(owner, new ArrayList<>()).stream()
                .filter(type -> type.declares(name, descriptor))
                .flatMap(type -> lookup(type.name(), name, descriptor).stream())
                .findFirst();
    }

    /** Whether the allow-list names {@code type} at all (a bundle may then refer to the class itself). */
    public boolean knows(String type) {
        return types.containsKey(type);
    }

    /** Whether bundle classes may extend or implement {@code type}. */
    public boolean extendable(String type) {
        TypeEntry entry = types.get(type);
        return entry != null && entry.extendable();
    }

    /** Whether a value of exactly {@code type} can never change, so a static final field may hold it. */
    public boolean immutable(String type) {
        TypeEntry entry = types.get(type);
        return entry != null && entry.immutable();
    }

    /** The reason given for allowing {@code type}, or empty if it is not on the list. */
    public Optional<String> reason(String type) {
        return Optional.ofNullable(types.get(type)).map(TypeEntry::reason);
    }

    /** Every entry, type by type: for tests and for pricing calls. */
    public List<Entry> entries() {
        return types.values().stream().flatMap(t -> t.members().values().stream()).toList();
    }

    /** Every type named. */
    public Set<String> typeNames() {
        return types.keySet();
    }

    /** Reads an allow-list in the format above; {@code source} names it in errors. */
    static AllowList parse(String text, String source) {
        Map<String, TypeEntry> types = new HashMap<>();
        parseInto(types, text, source);
        return new AllowList(types);
    }

    private static void parseInto(Map<String, TypeEntry> types, String text, String source) {
        TypeEntry current = null;
        Map<String, Entry> members = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int colon = line.lastIndexOf(" : ");
            if (colon < 0) {
                throw new IllegalStateException(source + ":" + (i + 1) + ": no ' : reason' in \"" + line + "\"");
            }
            String reason = line.substring(colon + 3).strip();
            String[] words = line.substring(0, colon).strip().split("\\s+");
            if (!Character.isWhitespace(line.charAt(0))) {
                Set<String> flags = new HashSet<>(List.of(words).subList(1, words.length));
                members = new HashMap<>();
                current = new TypeEntry(words[0], reason, flags.remove("extend"), flags.remove("immutable"), members);
                if (!flags.isEmpty() || types.put(words[0], current) != null) {
                    throw new IllegalStateException(source + ":" + (i + 1) + ": bad flags or repeated type " + words[0]);
                }
            } else if (current == null) {
                throw new IllegalStateException(source + ":" + (i + 1) + ": members before any type");
            } else {
                addMembers(current.name(), words, reason, members, source + ":" + (i + 1));
            }
        }
    }

    private static void addMembers(String owner, String[] words, String reason, Map<String, Entry> members,
                                   String where) {
        OptionalInt size = OptionalInt.empty();
        for (String word : words) {
            if (word.startsWith("sized=")) {
                size = OptionalInt.of(Integer.parseInt(word.substring("sized=".length())));
            }
        }
        for (String word : words) {
            if (!word.startsWith("sized=") && members.put(word, new Entry(owner, word, reason, size)) != null) {
                throw new IllegalStateException(where + ": " + owner + " " + word + " is listed twice");
            }
        }
    }

    private static AllowList read() {
        Map<String, TypeEntry> types = new HashMap<>();
        for (String resource : RESOURCES) {
            try (InputStream in = AllowList.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the resource " + resource + " is missing");
                }
                parseInto(types, new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new AllowList(types);
    }
}
