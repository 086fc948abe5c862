package dev.erg.confine.verify;

import dev.erg.confine.verify.MemberAccess.Use;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.MethodTypeEntry;
import java.lang.classfile.instruction.ConstantInstruction.LoadConstantInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.util.List;
import java.util.Locale;

/**
 * The rules about a method's bytecode: every use of a member or class outside the bundle is on
 * the allow-list, static fields are written only by their class's initializer, no monitors, only
 * javac's dynamic call sites, and no handler catches an {@code Error}.
 */
final class CodeRules {

    private static final String CLASS_INITIALIZER = "<clinit>";

    private final MemberAccess access;
    private final BootstrapRules bootstraps;
    private final Handlers handlers;

    CodeRules(MemberAccess access, Handlers handlers) {
        this.access = access;
        this.bootstraps = new BootstrapRules(access);
        this.handlers = handlers;
    }

    void check(String className, ClassModel model, Findings findings) {
        for (MethodModel method : model.methods()) {
            method.code().ifPresent(code -> checkCode(className, model, method, code, findings));
        }
    }

    private void checkCode(String className, ClassModel model, MethodModel method, CodeModel code, Findings findings) {
        String signature = method.methodName().stringValue() + method.methodType().stringValue();
        boolean initializer = method.methodName().equalsString(CLASS_INITIALIZER);
        List<CodeElement> elements = code.elementList();
        int offset = 0;
        for (int i = 0; i < elements.size(); i++) {
            CodeElement element = elements.get(i);
            Site site = new Site(className, signature, offset);
            switch (element) {
                case InvokeInstruction invoke -> checkInvoke(site, invoke, findings);
                case FieldInstruction field -> checkField(site, field, initializer, findings);
                case NewObjectInstruction created ->
                        access.typeDenial(Hierarchy.binaryName(created.className()), "creates")
                                .ifPresent(reason -> site.report(findings, Rule.ALLOW_LIST, reason));
                case LoadConstantInstruction constant -> checkConstant(site, constant, findings);
                case InvokeDynamicInstruction dynamic -> bootstraps.checkCallSite(site, dynamic.invokedynamic(), findings);
                case MonitorInstruction monitor -> site.report(findings, Rule.SYNCHRONIZED,
                        monitor.opcode().name().toLowerCase(Locale.ROOT) + ": it could block host threads");
                case ExceptionCatch handler -> handlers.check(className, model, signature, code, handler, findings);
                default -> { }
            }
            if (element instanceof Instruction instruction) {
                offset += instruction.sizeInBytes();
            }
        }
    }

    private void checkInvoke(Site site, InvokeInstruction invoke, Findings findings) {
        Use use = switch (invoke.opcode()) {
            case INVOKESTATIC -> Use.STATIC;
            case INVOKESPECIAL -> invoke.name().equalsString("<init>") ? Use.CONSTRUCTOR : Use.SPECIAL;
            default -> Use.VIRTUAL;
        };
        access.denial(Hierarchy.binaryName(invoke.owner()), invoke.name().stringValue(), invoke.type().stringValue(), use)
                .ifPresent(reason -> site.report(findings, Rule.ALLOW_LIST, reason));
    }

    private void checkField(Site site, FieldInstruction field, boolean initializer, Findings findings) {
        String owner = Hierarchy.binaryName(field.owner());
        String name = field.name().stringValue();
        Use use = switch (field.opcode()) {
            case GETSTATIC -> Use.STATIC_READ;
            case PUTSTATIC -> Use.STATIC_WRITE;
            case PUTFIELD -> Use.WRITE;
            default -> Use.READ;
        };
        if (use == Use.STATIC_WRITE && (!initializer || !owner.equals(site.className()))) {
            site.report(findings, Rule.STATIC_WRITE, "writes static field " + owner + "." + name
                    + " outside the static initializer of " + owner);
            return;
        }
        access.denial(owner, name, field.type().stringValue(), use)
                .ifPresent(reason -> site.report(findings, Rule.ALLOW_LIST, reason));
    }

    private void checkConstant(Site site, LoadConstantInstruction load, Findings findings) {
        switch (load.constantEntry()) {
            case ClassEntry type -> access.typeDenial(Hierarchy.binaryName(type), "names class")
                    .ifPresent(reason -> site.report(findings, Rule.ALLOW_LIST, reason));
            case MethodHandleEntry handle -> site.report(findings, Rule.CONSTANT,
                    "loads a method handle to " + MemberAccess.display(Hierarchy.binaryName(handle.reference().owner()),
                            handle.reference().name().stringValue(), handle.reference().type().stringValue()));
            case MethodTypeEntry type -> site.report(findings, Rule.CONSTANT,
                    "loads a method type " + type.descriptor().stringValue());
            case ConstantDynamicEntry constant -> bootstraps.checkDynamicConstant(site, constant, 0, findings);
            default -> { }
        }
    }
}
