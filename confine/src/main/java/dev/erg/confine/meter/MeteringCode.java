package dev.erg.confine.meter;

import static java.lang.constant.ConstantDescs.CD_long;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Meters one method body where its {@link ChargePlan} says: an instruction costs 1, except that
 * a call outside the bundle costs its {@link Price}, a call of a {@link LeafMethods leaf} adds
 * the leaf's cost, and entering an exception handler costs {@value #HANDLER_COST} more; arrays
 * are charged their length at run time, before they are allocated, and sized calls the size of
 * their operand, before the call.
 *
 * <p>A method with loops counts their charges down in a local {@code int}, a credit taken from
 * the gauge, rather than on the gauge's static counter: the JIT keeps the credit in a register,
 * and a loop that only counts it down stays a counted loop. What the frame has spent goes back
 * to the gauge before everything that may charge the gauge or leave the frame (every call but
 * one of a {@link LeafMethods pure leaf}, an array's charge, {@code return}, {@code athrow}),
 * on entering a handler, and in a handler covering the whole method when the frame ends in an
 * exception the JVM threw; a fresh credit is taken after each. A credit that runs out goes back
 * too, which throws if the gauge ran out, so running out stays sticky. Only the frame on top of
 * the stack holds uncounted work, and never more than the gauge had left when it took its
 * credit; a bundle's class initializer, run when that frame first touches a class, charges the
 * gauge directly.
 */
final class MeteringCode implements CodeTransform {

    /**
     * What entering an exception handler costs beyond its instructions: the throw that led
     * there made an exception (its stack trace walks up to 1024 frames) and unwound the stack,
     * work the JVM does outside the bundle's instructions. Without it a flood of exceptions,
     * or of StackOverflowErrors in a {@code finally} recursion, runs for minutes on one budget.
     */
    static final long HANDLER_COST = 1000;
    /** Charges above this are made on the gauge itself, so that a credit's arithmetic stays within {@code int}. */
    private static final long MOST_COUNTED = 1 << 20;

    private final Set<String> bundle;
    private final CallPricer pricer;
    private final CodeModel model;
    private final Map<String, Long> leaves;
    private final Set<String> pureLeaves;
    private final boolean leaf;
    /** For each label charged at, a label just after its charge, where exception ranges starting there start instead. */
    private final Map<Label, Label> afterCharge = new HashMap<>();
    /** Sized calls by their ordinal among the method's calls: the transform streams fresh elements. */
    private final Map<Integer, Price> sized = new HashMap<>();
    private ChargePlan plan;
    private int calls;
    private int position;
    /** The locals holding the frame's credit and what it was when last taken or given back; -1 if none. */
    private int credit = -1;
    private int taken = -1;
    private Label counted;

    /**
     * @param bundle     the internal names of the bundle's classes
     * @param leaves     the costs of the bundle's {@link LeafMethods}
     * @param pureLeaves the leaves that neither call nor allocate arrays
     * @param leaf       whether {@code model} is a leaf's: its callers charge for it
     * @param model      the method body to meter
     */
    MeteringCode(Set<String> bundle, CallPricer pricer, Map<String, Long> leaves, Set<String> pureLeaves, boolean leaf,
            CodeModel model) {
        this.bundle = bundle;
        this.pricer = pricer;
        this.leaves = leaves;
        this.pureLeaves = pureLeaves;
        this.leaf = leaf;
        this.model = model;
    }

    @Override
    public void atStart(CodeBuilder code) {
        plan = new ChargePlan(model.elementList(), this::cost, HANDLER_COST);
        calls = 0;
        plan.atLabels.keySet().forEach(label -> afterCharge.put(label, code.newLabel()));
        if (leaf) {
            return;
        }
        if (plan.entry > 0) {
            Gauge.charge(code, plan.entry);
        }
        if (plan.loops()) {
            credit = code.allocateLocal(TypeKind.INT);
            taken = code.allocateLocal(TypeKind.INT);
            take(code);
            counted = code.newBoundLabel();
        }
    }

    @Override
    public void atEnd(CodeBuilder code) {
        if (credit >= 0) {
            Label end = code.newBoundLabel();
            Label handler = code.newBoundLabel();
            giveBack(code);
            code.athrow();
            code.exceptionCatchAll(counted, end, handler);
        }
    }

    @Override
    public void accept(CodeBuilder code, CodeElement element) {
        int at = position++;
        switch (element) {
            case LabelTarget target -> {
                code.with(target);
                Long cost = plan.atLabels.get(target.label());
                if (cost != null) {
                    if (credit >= 0 && plan.handlers.contains(target.label())) {
                        giveBack(code);
                        take(code);
                    }
                    charge(code, cost);
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
                chargeArray(code);
                code.with(array);
            }
            case NewReferenceArrayInstruction array -> {
                chargeArray(code);
                code.with(array);
            }
            case NewMultiArrayInstruction array -> giveBackAround(code, () -> chargeDimensions(code, array));
            case InvokeInstruction call -> {
                Price price = sized.get(calls++);
                Runnable invoke = price == null ? () -> code.with(call) : () -> chargeSize(code, call, price);
                if (pureLeaves.contains(LeafMethods.key(call.owner().asInternalName(), call.name().stringValue(),
                        call.type().stringValue()))) {
                    invoke.run();
                } else {
                    giveBackAround(code, invoke);
                }
            }
            case InvokeDynamicInstruction call -> giveBackAround(code, () -> code.with(call));
            case ReturnInstruction exit -> {
                giveBackIfCounting(code);
                code.with(exit);
            }
            case ThrowInstruction exit -> {
                giveBackIfCounting(code);
                code.with(exit);
            }
            default -> code.with(element);
        }
        Long test = plan.afterTest.get(at);
        if (test != null) {
            charge(code, test);
        }
    }

    /** Charges {@code cost} to the frame's credit if it has one and the cost is small, else to the gauge. */
    private void charge(CodeBuilder code, long cost) {
        if (leaf || cost <= 0) {
            return;
        }
        if (credit < 0 || cost > MOST_COUNTED) {
            giveBackIfCounting(code);
            Gauge.charge(code, cost);
            takeIfCounting(code);
            return;
        }
        Label within = code.newLabel();
        code.iinc(credit, (int) -cost).iload(credit).ifge(within);
        // Spent beyond the credit: give it all back (zeroed first, for the call may throw and a handler
        // of this frame gives back again), which throws if the gauge ran out, else take a fresh credit.
        spent(code);
        code.iload(credit).istore(taken).invokestatic(Gauge.DESC, "charge", Gauge.CHARGE_LONG);
        take(code);
        code.labelBinding(within);
    }

    private void chargeArray(CodeBuilder code) {
        giveBackAround(code, () -> code.invokestatic(Gauge.DESC, "array", Gauge.ARRAY));
    }

    /** Runs {@code emit} with the frame's work given back before it and a fresh credit taken after it. */
    private void giveBackAround(CodeBuilder code, Runnable emit) {
        giveBackIfCounting(code);
        emit.run();
        takeIfCounting(code);
    }

    private void giveBackIfCounting(CodeBuilder code) {
        if (credit >= 0) {
            giveBack(code);
        }
    }

    private void takeIfCounting(CodeBuilder code) {
        if (credit >= 0) {
            take(code);
        }
    }

    /** Takes a credit: what the gauge has left, up to {@code Integer.MAX_VALUE}. */
    private void take(CodeBuilder code) {
        code.invokestatic(Gauge.DESC, "credit", Gauge.CREDIT).dup().istore(credit).istore(taken);
    }

    /** Subtracts what the frame spent since its credit was taken from the gauge, and counts from there again. */
    private void giveBack(CodeBuilder code) {
        code.getstatic(Gauge.DESC, Gauge.LEFT, CD_long);
        spent(code);
        code.lsub().putstatic(Gauge.DESC, Gauge.LEFT, CD_long).iload(credit).istore(taken);
    }

    /** Pushes what the frame spent since its credit was taken, as a {@code long}. */
    private void spent(CodeBuilder code) {
        code.iload(taken).i2l().iload(credit).i2l().lsub();
    }

    private long cost(Instruction instruction) {
        if (instruction instanceof InvokeInstruction call && bundle.contains(call.owner().asInternalName())) {
            Long callee = leaves.get(LeafMethods.key(call.owner().asInternalName(), call.name().stringValue(),
                    call.type().stringValue()));
            return callee == null ? 1 : 1 + callee;
        }
        if (instruction instanceof InvokeInstruction call && !bundle.contains(call.owner().asInternalName())) {
            Price price = pricer.price(call.owner().asInternalName(), call.name().stringValue(), call.type().stringValue(),
                    call.opcode() == Opcode.INVOKESTATIC);
            if (price.isSized()) {
                sized.put(calls, price);
            }
            calls++;
            return price.fixed();
        }
        if (instruction instanceof InvokeInstruction) {
            calls++;
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
