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
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Meters one method body. It charges at the method's entry, at every target of a backward
 * branch and at every exception handler; each charge is the most that any path from there can
 * cost before it reaches the next charge (see {@link #plan}), so every loop iteration pays for
 * what it runs and straight code pays once. An instruction costs 1, except that a call outside
 * the bundle costs its {@link Price}, a call of a {@link LeafMethods leaf} adds the leaf's cost,
 * and entering an exception handler costs {@value #HANDLER_COST} more; arrays are charged their
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

    /**
     * Finds the charge points (the entry, every target of a backward branch, every exception
     * handler) and what each charges: the most any path from it can cost, running forward,
     * before it reaches the next charge point or leaves the method. Forward branches form no
     * cycle, so every run of instructions between two charges is such a path. Returns the
     * entry's charge.
     */
    private long plan(List<CodeElement> elements) {
        Map<Label, Integer> positions = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof LabelTarget target) {
                positions.put(target.label(), i);
            }
        }
        Set<Label> starts = new HashSet<>();
        Set<Label> chargePoints = new HashSet<>();
        for (int i = 0; i < elements.size(); i++) {
            List<Label> targets = targets(elements.get(i));
            for (Label target : targets) {
                starts.add(target);
                if (positions.get(target) <= i) {
                    chargePoints.add(target);
                }
            }
            if (elements.get(i) instanceof ExceptionCatch c) {
                starts.add(c.handler());
                chargePoints.add(c.handler());
            }
        }
        List<Block> blocks = new ArrayList<>();
        Map<Label, Integer> blockOf = new HashMap<>();
        Block current = new Block(null);
        blocks.add(current);
        for (CodeElement e : elements) {
            if (e instanceof LabelTarget target && starts.contains(target.label())) {
                if (current.label != null || current.instructions > 0) {
                    current = new Block(target.label());
                    blocks.add(current);
                } else {
                    current.label = target.label();
                }
                blockOf.put(target.label(), blocks.size() - 1);
                if (chargePoints.contains(target.label()) && isHandler(elements, target.label())) {
                    current.cost += HANDLER_COST;
                }
            } else if (e instanceof Instruction instruction) {
                current.cost += cost(instruction);
                current.instructions++;
                current.targets.addAll(targets(e));
                boolean ends = !current.targets.isEmpty() || e instanceof ReturnInstruction
                        || e instanceof ThrowInstruction;
                if (ends) {
                    current.fallsThrough = !(e instanceof ThrowInstruction || e instanceof ReturnInstruction
                            || e instanceof TableSwitchInstruction || e instanceof LookupSwitchInstruction
                            || instruction.opcode() == Opcode.GOTO || instruction.opcode() == Opcode.GOTO_W);
                    current = new Block(null);
                    blocks.add(current);
                }
            } else if (!(e instanceof PseudoInstruction)) {
                throw new IllegalStateException("unexpected code element " + e);
            }
        }
        long[] longest = new long[blocks.size()];
        for (int k = blocks.size() - 1; k >= 0; k--) {
            Block block = blocks.get(k);
            long most = 0;
            if (block.fallsThrough && k + 1 < blocks.size()) {
                most = Math.max(most, onward(blocks.get(k + 1), longest[k + 1], chargePoints));
            }
            for (Label target : block.targets) {
                int s = blockOf.get(target);
                most = Math.max(most, onward(blocks.get(s), s > k ? longest[s] : 0, chargePoints));
            }
            longest[k] = block.cost + most;
        }
        for (int k = 0; k < blocks.size(); k++) {
            Label label = blocks.get(k).label;
            if (label != null && chargePoints.contains(label)) {
                regionCosts.put(label, longest[k]);
            }
        }
        calls = 0;
        Label first = blocks.getFirst().label;
        return first != null && chargePoints.contains(first) ? 0 : longest[0];
    }

    /** What a path entering {@code block} costs from there on: nothing if the block charges for itself. */
    private static long onward(Block block, long longest, Set<Label> chargePoints) {
        return block.label != null && chargePoints.contains(block.label) ? 0 : longest;
    }

    private static boolean isHandler(List<CodeElement> elements, Label label) {
        for (CodeElement e : elements) {
            if (e instanceof ExceptionCatch c && c.handler().equals(label)) {
                return true;
            }
        }
        return false;
    }

    private static List<Label> targets(CodeElement e) {
        List<Label> targets = new ArrayList<>();
        switch (e) {
            case BranchInstruction b -> targets.add(b.target());
            case TableSwitchInstruction t -> {
                targets.add(t.defaultTarget());
                t.cases().stream().map(SwitchCase::target).forEach(targets::add);
            }
            case LookupSwitchInstruction l -> {
                targets.add(l.defaultTarget());
                l.cases().stream().map(SwitchCase::target).forEach(targets::add);
            }
            default -> {
                // No branch.
            }
        }
        return targets;
    }

    /** A basic block: where it starts, what its instructions cost, where it may go. */
    private static final class Block {
        Label label;
        long cost;
        int instructions;
        boolean fallsThrough = true;
        final List<Label> targets = new ArrayList<>();

        Block(Label label) {
            this.label = label;
        }
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
