package dev.erg.confine.meter;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a bundle's leaf methods: private methods whose every path runs forward (no backward
 * branch, no exception handler), that call no method of the bundle, and that no method handle
 * of their class names. A leaf does bounded work and is reached only by the invoke instructions
 * of its class and its nestmates, so those call sites charge its whole cost and the leaf itself
 * charges nothing: a small helper called in a hot loop costs its caller no second charge.
 */
final class LeafMethods {

    private LeafMethods() {
    }

    /** The leaf methods' costs, by {@link #key}. */
    static Map<String, Long> of(Iterable<ClassModel> classes, Set<String> bundle, CallPricer pricer) {
        Map<String, Long> leaves = new HashMap<>();
        for (ClassModel model : classes) {
            String owner = model.thisClass().asInternalName();
            Set<String> handled = new HashSet<>();
            for (PoolEntry entry : model.constantPool()) {
                if (entry instanceof MethodHandleEntry handle && handle.reference().owner().asInternalName().equals(owner)) {
                    handled.add(key(owner, handle.reference().name().stringValue(),
                            handle.reference().type().stringValue()));
                }
            }
            for (MethodModel method : model.methods()) {
                String key = key(owner, method.methodName().stringValue(), method.methodType().stringValue());
                if ((method.flags().flagsMask() & ClassFile.ACC_PRIVATE) == 0 || handled.contains(key)) {
                    continue;
                }
                method.code().ifPresent(code -> {
                    long cost = leafCost(code, bundle, pricer);
                    if (cost >= 0) {
                        leaves.put(key, cost);
                    }
                });
            }
        }
        return leaves;
    }

    /**
     * Those of {@code leaves} that call nothing and allocate no array, so that no code charges
     * the gauge while they run: a caller counting its work in a local need not add it first.
     */
    static Set<String> pure(Iterable<ClassModel> classes, Map<String, Long> leaves) {
        Set<String> pure = new HashSet<>();
        for (ClassModel model : classes) {
            String owner = model.thisClass().asInternalName();
            for (MethodModel method : model.methods()) {
                String key = key(owner, method.methodName().stringValue(), method.methodType().stringValue());
                if (leaves.containsKey(key) && method.code().orElseThrow().elementStream().noneMatch(
                        e -> e instanceof InvokeInstruction || e instanceof InvokeDynamicInstruction
                                || e instanceof NewPrimitiveArrayInstruction || e instanceof NewReferenceArrayInstruction
                                || e instanceof NewMultiArrayInstruction)) {
                    pure.add(key);
                }
            }
        }
        return pure;
    }

    static String key(String owner, String name, String descriptor) {
        return owner + '.' + name + descriptor;
    }

    /** The cost of every instruction of {@code code}, or -1 if it is no leaf. */
    private static long leafCost(CodeModel code, Set<String> bundle, CallPricer pricer) {
        List<CodeElement> elements = code.elementList();
        Map<Label, Integer> positions = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof LabelTarget target) {
                positions.put(target.label(), i);
            }
        }
        long cost = 0;
        for (int i = 0; i < elements.size(); i++) {
            CodeElement e = elements.get(i);
            List<Label> targets = new ArrayList<>();
            switch (e) {
                case ExceptionCatch c -> {
                    return -1;
                }
                case BranchInstruction b -> targets.add(b.target());
                case TableSwitchInstruction t -> {
                    targets.add(t.defaultTarget());
                    t.cases().stream().map(SwitchCase::target).forEach(targets::add);
                }
                case LookupSwitchInstruction l -> {
                    targets.add(l.defaultTarget());
                    l.cases().stream().map(SwitchCase::target).forEach(targets::add);
                }
                case InvokeInstruction call when bundle.contains(call.owner().asInternalName()) -> {
                    return -1;
                }
                case InvokeInstruction call -> cost += pricer.price(call.owner().asInternalName(),
                        call.name().stringValue(), call.type().stringValue(), call.opcode() == Opcode.INVOKESTATIC)
                        .fixed() - 1;
                default -> {
                    // Counted below, if an instruction.
                }
            }
            for (Label target : targets) {
                if (positions.get(target) <= i) {
                    return -1;
                }
            }
            if (e instanceof Instruction) {
                cost++;
            }
        }
        return cost;
    }
}
