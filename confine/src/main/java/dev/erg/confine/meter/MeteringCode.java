package dev.erg.confine.meter;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.PseudoInstruction;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Meters one method body. The code is cut into regions at every label something jumps to (a
 * branch or switch target, an exception handler): control enters a region only at its start,
 * so charging a region's whole cost there, once, covers every instruction run until the next
 * charge, however the region is left. The method's entry is charged like a region. A region
 * costs 1 per instruction, except that a call outside the bundle costs its {@link Price};
 * entering an exception handler costs {@value #HANDLER_COST} more; arrays are charged their
 * length at run time, before they are allocated, and sized calls the size of their operand,
 * before the call.
 */
final class MeteringCode implements CodeTransform {

    /**
     * What entering an exception handler costs beyond its instructions: the throw that led
     * there made an exception (its stack trace walks up to 1024 frames) and unwound the stack,
     * work the JVM does outside the bundle's instructions. Without it a flood of exceptions,
     * or of StackOverflowErrors in a {@code finally} recursion, runs for minutes on one budget.
     */
    static final long HANDLER_COST = 1000;

    private final Set<String> bundle;
    private final CallPricer pricer;
    private final Map<Label, Long> regionCosts = new HashMap<>();
    /** For each region start, a label just after its charge, where exception ranges starting there start instead. */
    private final Map<Label, Label> afterCharge = new HashMap<>();
    /** Sized calls by their ordinal among the method's calls: the transform streams fresh elements. */
    private final Map<Integer, Price> sized = new HashMap<>();
    private int calls;

    private final CodeModel model;
    private final Map<String, Long> leaves;
    private final boolean leaf;

    /**
     * @param bundle the internal names of the bundle's classes
     * @param leaves the costs of the bundle's {@link LeafMethods}
     * @param leaf   whether {@code model} is a leaf's: its callers charge for it
     * @param model  the method body to meter
     */
    MeteringCode(Set<String> bundle, CallPricer pricer, Map<String, Long> leaves, boolean leaf, CodeModel model) {
        this.bundle = bundle;
        this.pricer = pricer;
        this.leaves = leaves;
        this.leaf = leaf;
        this.model = model;
    }

    @Override
    public void atStart(CodeBuilder code) {
        long entry = plan(model.elementList());
        regionCosts.keySet().forEach(start -> afterCharge.put(start, code.newLabel()));
        if (entry > 0 && !leaf) {
            Gauge.charge(code, entry);
        }
    }

    @Override
    public void accept(CodeBuilder code, CodeElement element) {
        switch (element) {
            case LabelTarget target -> {
                code.with(target);
                Long cost = regionCosts.get(target.label());
                if (cost != null) {
                    if (cost > 0 && !leaf) {
                        Gauge.charge(code, cost);
                    }
                    code.labelBinding(afterCharge.get(target.label()));
                }
            }
            case ExceptionCatch handler when afterCharge.containsKey(handler.tryStart()) ->
                // A charge must never be covered by a range starting where it stands: javac's finally
                // handlers cover their own first instruction, and a throwing charge there would be caught
                // by itself, forever.
                code.with(ExceptionCatch.of(handler.handler(), afterCharge.get(handler.tryStart()), handler.tryEnd(),
                        handler.catchType()));
            case NewPrimitiveArrayInstruction array -> {
                code.invokestatic(Gauge.DESC, "array", Gauge.ARRAY);
                code.with(array);
            }
            case NewReferenceArrayInstruction array -> {
                code.invokestatic(Gauge.DESC, "array", Gauge.ARRAY);
                code.with(array);
            }
            case NewMultiArrayInstruction array -> chargeDimensions(code, array);
            case InvokeInstruction call -> {
                Price price = sized.get(calls++);
                if (price == null) {
                    code.with(call);
                } else {
                    chargeSize(code, call, price);
                }
            }
            default -> code.with(element);
        }
    }

    /** Finds the regions and their costs; returns the cost of the entry region. */
    private long plan(List<CodeElement> elements) {
        Set<Label> starts = new HashSet<>();
        Set<Label> handlers = new HashSet<>();
        for (CodeElement e : elements) {
            switch (e) {
                case BranchInstruction b -> starts.add(b.target());
                case TableSwitchInstruction t -> {
                    starts.add(t.defaultTarget());
                    t.cases().stream().map(SwitchCase::target).forEach(starts::add);
                }
                case LookupSwitchInstruction l -> {
                    starts.add(l.defaultTarget());
                    l.cases().stream().map(SwitchCase::target).forEach(starts::add);
                }
                case ExceptionCatch c -> {
                    starts.add(c.handler());
                    handlers.add(c.handler());
                }
                default -> {
                    // Other elements start no region.
                }
            }
        }
        long entry = 0;
        Label region = null;
        for (CodeElement e : elements) {
            if (e instanceof LabelTarget target && starts.contains(target.label())) {
                region = target.label();
                regionCosts.put(region, handlers.contains(region) ? HANDLER_COST : 0L);
            } else if (e instanceof Instruction instruction) {
                long cost = cost(instruction);
                if (instruction instanceof InvokeInstruction) {
                    calls++;
                }
                if (region == null) {
                    entry += cost;
                } else {
                    regionCosts.merge(region, cost, Long::sum);
                }
            } else if (!(e instanceof PseudoInstruction)) {
                throw new IllegalStateException("unexpected code element " + e);
            }
        }
        calls = 0;
        return entry;
    }

    private long cost(Instruction instruction) {
        if (instruction instanceof InvokeInstruction call && bundle.contains(call.owner().asInternalName())) {
            Long callee = leaves.get(LeafMethods.key(call.owner().asInternalName(), call.name().stringValue(),
                    call.type().stringValue()));
            return callee == null ? 1 : 1 + callee;
        }
        if (instruction instanceof InvokeInstruction call && !bundle.contains(call.owner().asInternalName())) {
            Price price = pricer.price(call.owner().asInternalName(), call.name().stringValue(), call.type().stringValue());
            if (price.isSized()) {
                sized.put(calls, price);
            }
            return price.fixed();
        }
        return 1;
    }

    /** Before {@code multianewarray}: charges the product of its dimensions. */
    private static void chargeDimensions(CodeBuilder code, NewMultiArrayInstruction array) {
        int[] slots = new int[array.dimensions()];
        for (int i = slots.length - 1; i >= 0; i--) {
            slots[i] = code.allocateLocal(TypeKind.INT);
            code.istore(slots[i]);
        }
        code.lconst_1();
        for (int slot : slots) {
            code.iload(slot).invokestatic(Gauge.DESC, "dims", Gauge.DIMS);
        }
        code.invokestatic(Gauge.DESC, "charge", Gauge.CHARGE_LONG);
        for (int slot : slots) {
            code.iload(slot);
        }
        code.with(array);
    }

    /** Before a sized call: charges the size of its operand, then makes the call. */
    private static void chargeSize(CodeBuilder code, InvokeInstruction call, Price price) {
        List<TypeKind> operands = new ArrayList<>();
        if (call.opcode() != Opcode.INVOKESTATIC) {
            operands.add(TypeKind.REFERENCE);
        }
        for (ClassDesc parameter : call.typeSymbol().parameterList()) {
            operands.add(TypeKind.from(parameter));
        }
        if (price.sizeBy() >= operands.size()) {
            code.with(call);
            return;
        }
        int[] slots = new int[operands.size()];
        for (int i = slots.length - 1; i >= 0; i--) {
            slots[i] = code.allocateLocal(operands.get(i));
            code.storeLocal(operands.get(i), slots[i]);
        }
        TypeKind kind = operands.get(price.sizeBy());
        int slot = slots[price.sizeBy()];
        switch (kind) {
            case INT, SHORT, BYTE, CHAR -> code.iload(slot).i2l().invokestatic(Gauge.DESC, "charge", Gauge.CHARGE_LONG);
            case LONG -> code.lload(slot).invokestatic(Gauge.DESC, "charge", Gauge.CHARGE_LONG);
            case REFERENCE -> code.aload(slot).invokestatic(Gauge.DESC, "sizeOf", Gauge.SIZE_OF)
                    .invokestatic(Gauge.DESC, "charge", Gauge.CHARGE_LONG);
            case BOOLEAN, FLOAT, DOUBLE, VOID -> {
                // No size in these.
            }
        }
        for (int i = 0; i < slots.length; i++) {
            code.loadLocal(operands.get(i), slots[i]);
        }
        code.with(call);
    }
}
