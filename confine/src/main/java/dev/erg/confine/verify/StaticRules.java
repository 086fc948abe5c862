package dev.erg.confine.verify;

import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * No mutable static state: every static field is final and holds a value that can never change
 * (a primitive, an immutable JDK type, or a bundle class whose every subclass has only such
 * fields). Within a vat, a mutable static would be authority that any code could reach without
 * being handed a reference to it.
 *
 * <p>Two kinds of arrays javac makes are exempt: an enum's synthetic {@code $VALUES} and the
 * synthetic {@code $SwitchMap$...} tables of enum switches. Collections ({@code List.of(...)})
 * are refused: the field's type does not say the value is unmodifiable, and an unmodifiable
 * list may still hold mutable elements; a bundle can use an enum, a record or a method instead.
 */
final class StaticRules {

    private static final String ENUM_VALUES = "$VALUES";
    private static final String SWITCH_MAP = "$SwitchMap$";

    private final Hierarchy hierarchy;
    private final AllowList allowList;
    private final Map<String, ClassModel> bundle;
    /** Whether a field type is immutable, by descriptor. */
    private final Map<String, Boolean> verdicts = new HashMap<>();
    /** Each bundle type's subtypes in the bundle, itself included; made when first needed. */
    private Map<String, List<String>> subtypes;

    StaticRules(Hierarchy hierarchy, AllowList allowList, Map<String, ClassModel> bundle) {
        this.hierarchy = hierarchy;
        this.allowList = allowList;
        this.bundle = bundle;
    }

    void check(String className, ClassModel model, Findings findings) {
        for (FieldModel field : model.fields()) {
            if (!field.flags().has(AccessFlag.STATIC)) {
                continue;
            }
            String name = field.fieldName().stringValue();
            String type = field.fieldType().stringValue();
            if (!field.flags().has(AccessFlag.FINAL)) {
                findings.add(className, Rule.MUTABLE_STATIC, "static field " + name + " is not final");
            } else if (!isJavacTable(className, model, field, name, type)
                    && !verdicts.computeIfAbsent(type, t -> immutable(t, new HashSet<>()))) {
                findings.add(className, Rule.MUTABLE_STATIC, "static final field " + name + " holds a "
                        + MemberAccess.typeName(type) + ", whose value may change");
            }
        }
    }

    private static boolean isJavacTable(String className, ClassModel model, FieldModel field, String name, String type) {
        if (!field.flags().has(AccessFlag.SYNTHETIC)) {
            return false;
        }
        if (name.equals(ENUM_VALUES)) {
            return model.flags().has(AccessFlag.ENUM) && type.equals("[L" + className.replace('.', '/') + ";");
        }
        return name.startsWith(SWITCH_MAP) && type.equals("[I") && model.flags().has(AccessFlag.SYNTHETIC);
    }

    /** Whether a value of field type {@code descriptor} can never change; {@code seen} breaks cycles. */
    private boolean immutable(String descriptor, Set<String> seen) {
        if (descriptor.length() == 1) {
            return true;
        }
        if (descriptor.startsWith("[")) {
            return false;
        }
        String type = descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
        if (!hierarchy.inBundle(type)) {
            return allowList.immutable(type);
        }
        if (hierarchy.find(type).orElseThrow().isInterface()) {
            return false;
        }
        if (!seen.add(type)) {
            return true;
        }
        return subtypes().getOrDefault(type, List.of()).stream()
                .allMatch(subtype -> immutableClass(subtype, bundle.get(subtype), seen));
    }

    private Map<String, List<String>> subtypes() {
        if (subtypes == null) {
            subtypes = new HashMap<>();
            for (String name : bundle.keySet()) {
                for (TypeInfo supertype : hierarchy.supertypes(name, new ArrayList<>())) {
                    if (supertype.origin() == TypeInfo.Origin.BUNDLE) {
                        subtypes.computeIfAbsent(supertype.name(), k -> new ArrayList<>()).add(name);
                    }
                }
            }
        }
        return subtypes;
    }

    /** A bundle class whose own fields are final and immutable, and whose superclass is likewise. */
    private boolean immutableClass(String className, ClassModel model, Set<String> seen) {
        if (model.flags().has(AccessFlag.INTERFACE)) {
            return true;
        }
        for (FieldModel field : model.fields()) {
            if (!field.flags().has(AccessFlag.STATIC) && (!field.flags().has(AccessFlag.FINAL)
                    || !immutable(field.fieldType().stringValue(), seen))) {
                return false;
            }
        }
        String superclass = model.superclass().map(Hierarchy::binaryName).orElse("java.lang.Object");
        return switch (superclass) {
            case "java.lang.Object", "java.lang.Record", "java.lang.Enum" -> true;
            default -> hierarchy.inBundle(superclass) && immutableClass(superclass, bundle.get(superclass), seen);
        };
    }
}
