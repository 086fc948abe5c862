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
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * No handler may catch {@code Throwable}, {@code Error} or a subclass of {@code Error}: a vat
 * must not carry on after a stack overflow, running out of memory or the meter's exhaustion.
 * A catch-any handler (for {@code finally}) is fine: it ends by rethrowing.
 *
 * <p>Three kinds of handler javac writes are exempt. Try-with-resources catches
 * {@code Throwable} to close its resources and adds what closing throws to the exception's
 * suppressed ones; such a handler is accepted when every path from it only loads, stores, tests
 * for null, jumps forward, calls {@code close()} or {@code Throwable.addSuppressed}, and ends in
 * {@code athrow}: it can never carry on. A record pattern catches {@code Throwable} around each
 * accessor and at once throws it again wrapped in a {@code MatchException}; the handler must be
 * exactly that sequence. An enum switch's synthetic {@code $SwitchMap$} initializer catches
 * {@code NoSuchFieldError} for constants removed since it was compiled.
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
        if (caught.equals(THROWABLE) && (isMatchWrapper(code, handler.handler())
                || alwaysRethrows(code.elementList(), handler.handler()))) {
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

    /** Whether every path from {@code handler} ends in athrow, doing no more than try-with-resources does. */
    private static boolean alwaysRethrows(List<CodeElement> elements, Label handler) {
        Map<Label, Integer> positions = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof LabelTarget target) {
                positions.put(target.label(), i);
            }
        }
        Deque<Integer> paths = new ArrayDeque<>(List.of(positions.get(handler)));
        Set<Integer> walked = new HashSet<>();
        while (!paths.isEmpty()) {
            int i = paths.pop();
            while (true) {
                if (i >= elements.size()) {
                    return false;
                }
                if (!walked.add(i)) {
                    break;
                }
                CodeElement element = elements.get(i);
                if (element instanceof BranchInstruction branch) {
                    int target = positions.get(branch.target());
                    if (target <= i) {
                        return false;
                    }
                    if (branch.opcode() == Opcode.GOTO || branch.opcode() == Opcode.GOTO_W) {
                        i = target;
                        continue;
                    }
                    if (branch.opcode() != Opcode.IFNULL && branch.opcode() != Opcode.IFNONNULL) {
                        return false;
                    }
                    paths.push(target);
                } else if (element instanceof Instruction instruction) {
                    if (instruction.opcode() == Opcode.ATHROW) {
                        break;
                    }
                    if (!isCleanup(instruction)) {
                        return false;
                    }
                }
                i++;
            }
        }
        return true;
    }

    private static boolean isCleanup(Instruction instruction) {
        return switch (instruction) {
            case LoadInstruction load -> load.typeKind() == TypeKind.REFERENCE;
            case StoreInstruction store -> store.typeKind() == TypeKind.REFERENCE;
            case InvokeInstruction invoke -> invoke.opcode() != Opcode.INVOKESTATIC && invoke.opcode() != Opcode.INVOKESPECIAL
                    && (invoke.name().equalsString("close") && invoke.type().equalsString("()V")
                    || invoke.owner().asInternalName().equals("java/lang/Throwable")
                    && invoke.name().equalsString("addSuppressed"));
            default -> false;
        };
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
