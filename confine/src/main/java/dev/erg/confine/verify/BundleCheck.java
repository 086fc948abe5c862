package dev.erg.confine.verify;

import dev.erg.confine.Violation;
import dev.erg.confine.verify.TypeInfo.Origin;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.reflect.AccessFlag;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every rule over a bundle's class files, without loading them, and lists every violation:
 * first each class file is parsed and its header checked, then the class rules, the static
 * field rules and the code rules run over each class that could be read, in name order.
 */
public final class BundleCheck {

    private static final String VAT_ENTRY = "dev.erg.confine.VatEntry";
    private static final int MAX_DETAIL = 300;

    private final AllowList allowList;
    private final Map<String, TypeInfo> host;

    /** A check against {@code allowList} that also lets bundles use the public members of {@code hostTypes}. */
    public BundleCheck(AllowList allowList, Collection<Class<?>> hostTypes) {
        this.allowList = allowList;
        Map<String, TypeInfo> shown = new HashMap<>();
        for (Class<?> type : hostTypes) {
            shown.put(type.getName(), PlatformTypes.describe(type, Origin.HOST));
        }
        this.host = Map.copyOf(shown);
    }

    /**
     * Every violation in the bundle of {@code classFiles} (by binary name, in the order to
     * report them) whose vats start at {@code entry}.
     */
    public List<Violation> check(Map<String, byte[]> classFiles, String entry) {
        Findings findings = new Findings();
        Map<String, ClassModel> models = new LinkedHashMap<>();
        Map<String, TypeInfo> types = new HashMap<>();
        classFiles.forEach((name, bytes) -> {
            if (ClassRules.tooNew(name, bytes, findings)) {
                return;
            }
            if (host.containsKey(name) || PlatformTypes.find(name).isPresent()) {
                findings.add(name, Rule.PACKAGE, "a class of the JDK, Erg or the host has this name");
                return;
            }
            try {
                ClassModel model = ClassFile.of().parse(bytes);
                if (ClassRules.checkHeader(name, model, findings)) {
                    types.put(name, Hierarchy.describe(name, model));
                    models.put(name, model);
                }
            } catch (RuntimeException e) {
                findings.add(name, Rule.MALFORMED, "unreadable class file: " + shortened(e.getMessage()));
            }
        });
        Hierarchy hierarchy = new Hierarchy(types, host);
        MemberAccess access = new MemberAccess(hierarchy, allowList);
        ClassRules classRules = new ClassRules(access);
        StaticRules staticRules = new StaticRules(hierarchy, allowList, models);
        CodeRules codeRules = new CodeRules(access, new Handlers(hierarchy));
        models.forEach((name, model) -> {
            try {
                classRules.check(name, model, findings);
                staticRules.check(name, model, findings);
                codeRules.check(name, model, findings);
            } catch (RuntimeException e) {
                findings.add(name, Rule.MALFORMED, "unreadable class file: " + shortened(e.getMessage()));
            }
        });
        checkEntry(entry, models.get(entry), hierarchy, findings);
        return findings.list();
    }

    private static void checkEntry(String entry, ClassModel model, Hierarchy hierarchy, Findings findings) {
        if (model == null) {
            return;
        }
        if (!model.flags().has(AccessFlag.PUBLIC) || model.flags().has(AccessFlag.ABSTRACT)
                || model.flags().has(AccessFlag.INTERFACE)) {
            findings.add(entry, Rule.ENTRY, "the entry class must be a public class that is not abstract");
        }
        if (!hierarchy.isSubtype(entry, VAT_ENTRY)) {
            findings.add(entry, Rule.ENTRY, "the entry class does not implement " + VAT_ENTRY);
        }
        boolean constructor = model.methods().stream().anyMatch(m -> m.methodName().equalsString("<init>")
                && m.methodType().equalsString("()V") && m.flags().has(AccessFlag.PUBLIC));
        if (!constructor) {
            findings.add(entry, Rule.ENTRY, "the entry class has no public constructor without parameters");
        }
    }

    private static String shortened(String message) {
        String text = message == null ? "no detail" : message;
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text;
    }
}
