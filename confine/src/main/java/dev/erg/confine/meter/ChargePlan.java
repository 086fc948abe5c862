package dev.erg.confine.meter;

import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.PseudoInstruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Where one method body is charged and how much: at its entry, at every exception handler,
 * and once in every loop, each charge the most that any path from it can cost before it
 * reaches the next charge or leaves the method. Every cycle of the method's control flow
 * passes through a charge, so every loop round pays for what it runs.
 *
 * <p>A loop is charged in its body, right after the test that would leave it, when its head is
 * such a test and the body is reached from it alone: the JIT compiles a loop whose first block
 * holds nothing but its exit test as a counted loop, and one whose head also tests a budget as
 * an ordinary loop, several times slower. Otherwise, and whenever moving the charges would
 * leave some cycle without one (code javac does not write, but a bundle may), the loop is
 * charged at its head, the target of its backward branch.
 */
final class ChargePlan {

    /** Charges made where a label is bound, by that label. */
    final Map<Label, Long> atLabels = new HashMap<>();
    /** Charges made right after a loop's exit test, by the test's position among the elements. */
    final Map<Integer, Long> afterTest = new HashMap<>();
    /** The exception handlers' labels. */
    final Set<Label> handlers = new HashSet<>();
    /** What the entry charges: the most the code costs before its first other charge. */
    final long entry;

    private final List<CodeElement> elements;
    private final ToLongFunction<Instruction> cost;
    private final long handlerCost;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<Label, Integer> blockOf = new HashMap<>();

    /**
     * @param elements    the method body
     * @param cost        what an instruction costs
     * @param handlerCost what entering an exception handler costs beyond its instructions
     */
    ChargePlan(List<CodeElement> elements, ToLongFunction<Instruction> cost, long handlerCost) {
        this.elements = elements;
        this.cost = cost;
        this.handlerCost = handlerCost;
        Map<Label, Integer> positions = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof LabelTarget target) {
                positions.put(target.label(), i);
            }
        }
        Set<Label> starts = new HashSet<>();
        Set<Label> loopHeads = new HashSet<>();
        for (int i = 0; i < elements.size(); i++) {
            for (Label target : targets(elements.get(i))) {
                starts.add(target);
                if (positions.get(target) <= i) {
                    loopHeads.add(target);
                }
            }
            if (elements.get(i) instanceof ExceptionCatch c) {
                handlers.add(c.handler());
                starts.add(c.handler());
            }
        }
        split(starts);
        Set<Integer> atHeads = new HashSet<>();
        Set<Integer> inBodies = new HashSet<>();
        for (Label head : loopHeads) {
            int h = blockOf.get(head);
            atHeads.add(h);
            inBodies.add(testedBody(h) ? h + 1 : h);
        }
        Set<Integer> handlerBlocks = new HashSet<>();
        handlers.forEach(handler -> handlerBlocks.add(blockOf.get(handler)));
        Set<Integer> chosen = union(handlerBlocks, inBodies);
        long[] longest = longest(chosen);
        if (longest == null) {
            chosen = union(handlerBlocks, atHeads);
            longest = longest(chosen);
        }
        for (int b : chosen) {
            Block block = blocks.get(b);
            if (block.label != null) {
                atLabels.put(block.label, longest[b]);
            } else {
                afterTest.put(blocks.get(b - 1).last, longest[b]);
            }
        }
        entry = chosen.contains(0) ? 0 : longest[0];
    }

    /** Whether the methods has a charge in a loop (not only at its entry and handlers). */
    boolean loops() {
        return atLabels.keySet().stream().anyMatch(label -> !handlers.contains(label)) || !afterTest.isEmpty();
    }

    /**
     * Whether loop head {@code h} is a test that leaves the loop or falls into a body that no
     * other code enters: its last instruction is a conditional branch and the next block has no
     * label (so no branch and no handler targets it).
     */
    private boolean testedBody(int h) {
        Block head = blocks.get(h);
        return head.last >= 0 && elements.get(head.last) instanceof BranchInstruction branch
                && branch.opcode() != Opcode.GOTO && branch.opcode() != Opcode.GOTO_W
                && h + 1 < blocks.size() && blocks.get(h + 1).label == null && blocks.get(h + 1).instructions > 0;
    }

    /** Cuts the body into basic blocks, a new one at every label in {@code starts} and after every jump, return and throw. */
    private void split(Set<Label> starts) {
        Block current = new Block(null);
        blocks.add(current);
        for (int i = 0; i < elements.size(); i++) {
            CodeElement e = elements.get(i);
            if (e instanceof LabelTarget target && starts.contains(target.label())) {
                if (current.label != null || current.instructions > 0) {
                    current = new Block(target.label());
                    blocks.add(current);
                } else {
                    current.label = target.label();
                }
                blockOf.put(target.label(), blocks.size() - 1);
                if (handlers.contains(target.label())) {
                    current.cost += handlerCost;
                }
            } else if (e instanceof Instruction instruction) {
                current.cost += cost.applyAsLong(instruction);
                current.instructions++;
                current.last = i;
                current.targets.addAll(targets(e));
                if (!current.targets.isEmpty() || e instanceof ReturnInstruction || e instanceof ThrowInstruction) {
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
    }

    /**
     * For every block, the most a path from its start can cost up to the next charge (a block
     * of {@code charged}) or the method's end; null if some cycle has no charge on it.
     */
    private long[] longest(Set<Integer> charged) {
        int n = blocks.size();
        List<List<Integer>> onward = new ArrayList<>(n);
        int[] incoming = new int[n];
        for (int b = 0; b < n; b++) {
            List<Integer> next = new ArrayList<>();
            for (int s : successors(b)) {
                if (!charged.contains(s)) {
                    next.add(s);
                    incoming[s]++;
                }
            }
            onward.add(next);
        }
        // Kahn's order over the edges that end in no charge: it covers every block only if they form no cycle.
        Deque<Integer> ready = new ArrayDeque<>();
        for (int b = 0; b < n; b++) {
            if (incoming[b] == 0) {
                ready.add(b);
            }
        }
        List<Integer> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int b = ready.poll();
            order.add(b);
            for (int s : onward.get(b)) {
                if (--incoming[s] == 0) {
                    ready.add(s);
                }
            }
        }
        if (order.size() < n) {
            return null;
        }
        long[] longest = new long[n];
        for (int k = n - 1; k >= 0; k--) {
            int b = order.get(k);
            long most = 0;
            for (int s : onward.get(b)) {
                most = Math.max(most, longest[s]);
            }
            longest[b] = blocks.get(b).cost + most;
        }
        return longest;
    }

    private List<Integer> successors(int b) {
        Block block = blocks.get(b);
        List<Integer> successors = new ArrayList<>();
        if (block.fallsThrough && b + 1 < blocks.size()) {
            successors.add(b + 1);
        }
        for (Label target : block.targets) {
            successors.add(blockOf.get(target));
        }
        return successors;
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> union = new HashSet<>(a);
        union.addAll(b);
        return Collections.unmodifiableSet(union);
    }

    static List<Label> targets(CodeElement e) {
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
        /** The position of its last instruction among the elements; -1 if it has none. */
        int last = -1;
        boolean fallsThrough = true;
        final List<Label> targets = new ArrayList<>();

        Block(Label label) {
            this.label = label;
        }
    }
}
