package dev.erg.confine.meter;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Where a method is charged: loops in their bodies when that leaves no cycle uncharged, else at their heads. */
class ChargePlanTest {

    private static List<CodeElement> code(Consumer<CodeBuilder> body) {
        byte[] bytes = ClassFile.of().build(ClassDesc.of("plugin.Loops"), cls -> cls.withMethodBody("run",
                MethodTypeDesc.of(CD_void, CD_int), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, body));
        CodeModel model = ClassFile.of().parse(bytes).methods().getFirst().code().orElseThrow();
        return model.elementList();
    }

    private static ChargePlan plan(List<CodeElement> elements) {
        return new ChargePlan(elements, instruction -> 1, 1000);
    }

    private static int firstConditional(List<CodeElement> elements) {
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof BranchInstruction b && b.opcode() != Opcode.GOTO) {
                return i;
            }
        }
        throw new AssertionError("no conditional branch");
    }

    @Test
    void aCountedLoopIsChargedInItsBodyAfterItsExitTest() {
        // for (int i = 0; i < n; i++) {}  as javac writes it: the test at the head, the body falling out of it.
        List<CodeElement> elements = code(c -> {
            var head = c.newLabel();
            var exit = c.newLabel();
            c.iconst_0().istore(1)
                    .labelBinding(head).iload(1).iload(0).if_icmpge(exit)
                    .iinc(1, 1).goto_(head)
                    .labelBinding(exit).return_();
        });
        ChargePlan plan = plan(elements);

        assertThat(plan.atLabels).isEmpty();
        // One round: the increment and the jump back, the next test's three instructions, and the return if it leaves.
        assertThat(plan.afterTest).containsExactly(Map.entry(firstConditional(elements), 6L));
        // The entry runs up to the first round's body: the two stores, the test, and the return if it leaves.
        assertThat(plan.entry).isEqualTo(6);
        assertThat(plan.loops()).isTrue();
    }

    @Test
    void aCycleThatAvoidsTheBodyKeepsTheChargeAtTheLoopHead() {
        // Crafted: leaving the loop jumps back to its head, a cycle that never enters the body.
        List<CodeElement> elements = code(c -> {
            var head = c.newLabel();
            var exit = c.newLabel();
            c.labelBinding(head).iload(0).ifle(exit)
                    .iinc(0, -1).goto_(head)
                    .labelBinding(exit).iinc(0, 1).goto_(head);
        });
        ChargePlan plan = plan(elements);

        assertThat(plan.afterTest).isEmpty();
        assertThat(plan.atLabels).hasSize(1);
        assertThat(plan.atLabels.values()).containsExactly(4L);
        assertThat(plan.entry).isZero();
    }

    @Test
    void aHandlerIsChargedItsInstructionsAndTheThrow() {
        List<CodeElement> elements = code(c -> {
            var start = c.newLabel();
            var end = c.newLabel();
            var handler = c.newLabel();
            c.labelBinding(start).iload(0).iconst_0().idiv().pop().labelBinding(end).return_()
                    .labelBinding(handler).pop().return_()
                    .exceptionCatchAll(start, end, handler);
        });
        ChargePlan plan = plan(elements);

        assertThat(plan.handlers).hasSize(1);
        assertThat(plan.atLabels.values()).containsExactly(1002L);
        assertThat(plan.entry).isEqualTo(5);
        assertThat(plan.loops()).isFalse();
    }
}
