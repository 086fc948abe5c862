package dev.erg.server.spawn;

import dev.erg.confine.VatMaker;
import dev.erg.server.spi.RootMaker;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.Vat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** Starts a vat whose root a {@link RootMaker} makes: the same steps in the server and in a worker. */
public final class Spawning {

    /** The most arguments a spawn may pass. */
    public static final int MAX_ARGS = 64;

    private Spawning() {
    }

    /**
     * Checks a spawn's request before anything starts: a known maker and acceptable arguments.
     * Answers the problem, or null if there is none.
     */
    public static Problem refusal(RootMakers makers, String maker, List<Object> args) {
        if (maker == null || makers.maker(maker).isEmpty()) {
            return Problem.of(VatMaker.UNKNOWN_MAKER, "no root maker is called %s (known: %s)",
                    maker == null ? "null" : "\"" + printable(maker) + "\"", String.join(", ", makers.names()));
        }
        if (args == null) {
            return Problem.of(VatMaker.BAD_ARGUMENTS, "the arguments are null (expected: a list, perhaps empty)");
        }
        if (args.size() > MAX_ARGS) {
            return Problem.of(VatMaker.BAD_ARGUMENTS, "%d arguments, more than %d", args.size(), MAX_ARGS);
        }
        return null;
    }

    /**
     * Starts a vat called {@code vatName}, made by {@code newVat}, whose first turn makes its
     * root with the maker called {@code maker}; answers the root. A maker that refuses the
     * arguments or fails shuts its vat down and breaks the answer with a {@link VatMaker} problem.
     */
    public static Promise<Object> spawn(RootMakers makers, Function<String, Vat> newVat, String vatName, String maker,
                                        List<Object> args) {
        Problem refused = refusal(makers, maker, args);
        if (refused != null) {
            return Promise.broken(refused);
        }
        RootMaker chosen = makers.maker(maker).orElseThrow();
        List<Object> given = copy(args);
        Vat vat = newVat.apply(vatName);
        return vat.callPromise(() -> {
            Object root;
            try {
                root = chosen.make(vat, given);
            } catch (IllegalArgumentException e) {
                vat.shutdown();
                return Promise.broken(Problem.of(VatMaker.BAD_ARGUMENTS, "%s: %s", maker, e.getMessage()));
            } catch (RuntimeException e) {
                vat.shutdown();
                return Promise.broken(Problem.of(VatMaker.SPAWN_FAILED, "root maker %s failed: %s", maker, e));
            }
            if (root == null || Ref.kind(root) != RefKind.EVENTUAL) {
                vat.shutdown();
                return Promise.broken(Problem.of(VatMaker.SPAWN_FAILED, "root maker %s returned %s (expected: "
                        + "vat.export(object, %s.class))", maker, root == null ? "null" : "a near object",
                        chosen.root().getSimpleName()));
            }
            return Promise.of(root);
        });
    }

    /** An unmodifiable copy of {@code args}, which may hold nulls. */
    static List<Object> copy(List<Object> args) {
        return Collections.unmodifiableList(new ArrayList<>(args));
    }

    /** {@code text}, cut to 100 characters, with control characters shown as {@code ?}. */
    static String printable(String text) {
        String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return shown.codePoints().collect(StringBuilder::new,
                (b, c) -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c), StringBuilder::append).toString();
    }
}
