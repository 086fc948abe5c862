package dev.erg.server.spawn;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.confine.Limits;
import dev.erg.confine.VatMaker;
import dev.erg.confine.Violation;
import dev.erg.server.spi.RootMaker;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.Vat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Starts a vat whose root a {@link RootMaker} makes: the same steps in the server and in a worker. */
public final class Spawning {

    /** The most arguments a spawn may pass. */
    public static final int MAX_ARGS = 64;
    /** The most violations a rejection's problem lists; it counts the rest. */
    static final int VIOLATIONS_SHOWN = 20;

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

    /**
     * Starts a confined vat called {@code vatName} running {@code bundle} within {@code limits},
     * reached through the registered root interface named {@code rootInterface}; answers its
     * root, or breaks with a {@link VatMaker} problem. {@code whenEnding} is told why the vat
     * ended, before references into it break.
     */
    public static Promise<Object> spawnBundle(BundleRunner runner, RootMakers makers, String vatName, Bundle bundle,
                                              String rootInterface, List<Object> args, Limits limits,
                                              Consumer<String> whenEnding) {
        Problem refused = interfaceRefusal(makers, rootInterface);
        if (refused == null && args == null) {
            refused = Problem.of(VatMaker.BAD_ARGUMENTS, "the arguments are null (expected: a list, perhaps empty)");
        }
        if (refused == null && args.size() > MAX_ARGS) {
            refused = Problem.of(VatMaker.BAD_ARGUMENTS, "%d arguments, more than %d", args.size(), MAX_ARGS);
        }
        if (refused != null) {
            return Promise.broken(refused);
        }
        try {
            return runner.spawn(vatName, bundle, makers.rootInterface(rootInterface).orElseThrow(), copy(args), limits,
                    whenEnding);
        } catch (BundleRejectedException e) {
            return Promise.broken(rejected(e));
        }
    }

    /** The problem of a spawn whose root interface the server did not register, or null if it did. */
    static Problem interfaceRefusal(RootMakers makers, String rootInterface) {
        Optional<Class<?>> root = rootInterface == null ? Optional.empty() : makers.rootInterface(rootInterface);
        if (root.isPresent()) {
            return null;
        }
        return Problem.of(VatMaker.UNKNOWN_INTERFACE, "%s is not a root interface this server registered"
                + " (registered: %s)", rootInterface == null ? "null" : printable(rootInterface),
                String.join(", ", makers.listing()));
    }

    /**
     * The problem of a bundle that breaks the rules: its first {@value #VIOLATIONS_SHOWN}
     * violations, and how many more there are.
     */
    public static Problem rejected(BundleRejectedException e) {
        List<Violation> violations = e.violations();
        String listed = violations.stream().limit(VIOLATIONS_SHOWN).map(Violation::toString)
                .collect(Collectors.joining("; "));
        String more = violations.size() > VIOLATIONS_SHOWN ? "; and " + (violations.size() - VIOLATIONS_SHOWN) + " more" : "";
        return Problem.of(VatMaker.BUNDLE_REJECTED, "bundle %s: %d violation%s: %s%s",
                e.hash().isEmpty() ? "(unreadable)" : e.hash().substring(0, Math.min(12, e.hash().length())),
                violations.size(), violations.size() == 1 ? "" : "s", listed, more);
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
