package dev.erg.confine.verify;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.util.ArrayList;
import java.util.List;

/**
 * No handler may catch {@code Throwable}, {@code Error} or a subclass of {@code Error}: a vat
 * must not carry on after a stack overflow, running out of memory or the meter's exhaustion.
 * A catch-any handler (for {@code finally}) is fine: it ends by rethrowing.
 *
 * <p>Two handlers javac writes are exempt. A record pattern catches {@code Throwable} around
 * each accessor and at once throws it again wrapped in a {@code MatchException}; the handler
 * must be exactly that sequence. An enum switch's synthetic {@code $SwitchMap$} initializer
 * catches {@code NoSuchFieldError} for constants removed since it was compiled.
 */
final class Handlers {

    private static final String THROWABLE = "java.lang.Throwable";
    private static final String ERROR = "java.lang.Error";
    private static final String NO_SUCH_FIELD = "java.lang.NoSuchFieldError";
    private static final String MATCH_EXCEPTION = "java.lang.MatchException";
    /** javac's record-pattern handler: store it, wrap it in a MatchException, throw that. */
    private static final List<Opcode> MATCH_WRAPPER = List.of(Opcode.ASTORE, Opcode.NEW, Opcode.DUP, Opcode.ALOAD,
            Opcode.INVOKEVIRTUAL, Opcode.ALOAD, Opcode.INVOKESPECIAL, Opcode.ATHROW);

    private final Hierarchy hierarchy;

    Handlers(Hierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    void check(String className, ClassModel model, String method, CodeModel code, ExceptionCatch handler,
               Findings findings) {
        if (handler.catchType().isEmpty()) {
            return;
        }
        String caught = Hierarchy.binaryName(handler.catchType().get());
        if (!caught.equals(THROWABLE) && !hierarchy.isSubtype(caught, ERROR)) {
            return;
        }
        if (caught.equals(THROWABLE) && isMatchWrapper(code, handler.handler())) {
            return;
        }
        if (caught.equals(NO_SUCH_FIELD) && method.startsWith("<clinit>") && declaresSwitchMap(model)) {
            return;
        }
        int offset = code instanceof CodeAttribute attribute ? attribute.labelToBci(handler.handler()) : -1;
        findings.add(className, method, offset, Rule.CATCH_ERROR, "catches " + caught
                + ": a vat may not carry on after an Error");
    }

    private static boolean isMatchWrapper(CodeModel code, Label handler) {
        List<Instruction> instructions = instructionsFrom(code, handler, MATCH_WRAPPER.size());
        if (instructions.size() != MATCH_WRAPPER.size()) {
            return false;
        }
        for (int i = 0; i < MATCH_WRAPPER.size(); i++) {
            if (instructions.get(i).opcode().kind() != MATCH_WRAPPER.get(i).kind()
                    || (MATCH_WRAPPER.get(i).kind() != Opcode.Kind.LOAD && MATCH_WRAPPER.get(i).kind() != Opcode.Kind.STORE
                    && instructions.get(i).opcode() != MATCH_WRAPPER.get(i))) {
                return false;
            }
        }
        return instructions.get(1) instanceof NewObjectInstruction created
                && Hierarchy.binaryName(created.className()).equals(MATCH_EXCEPTION);
    }

    private static List<Instruction> instructionsFrom(CodeModel code, Label label, int count) {
        List<Instruction> found = new ArrayList<>();
        boolean started = false;
        for (CodeElement element : code.elementList()) {
            if (element instanceof LabelTarget target && target.label().equals(label)) {
                started = true;
            } else if (started && element instanceof Instruction instruction) {
                found.add(instruction);
                if (found.size() == count) {
                    break;
                }
            }
        }
        return found;
    }

    private static boolean declaresSwitchMap(ClassModel model) {
        return model.fields().stream().anyMatch(f -> f.fieldName().stringValue().startsWith("$SwitchMap$"));
    }
}
