package dev.erg.confine.verify;

import dev.erg.confine.verify.MemberAccess.Use;
import java.lang.classfile.BootstrapMethodEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.IntegerEntry;
import java.lang.classfile.constantpool.InvokeDynamicEntry;
import java.lang.classfile.constantpool.LoadableConstantEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandleInfo;
import java.util.List;
import java.util.Set;

/**
 * The dynamic call sites and constants javac 25 emits for plain Java, and nothing else:
 * lambdas and method references ({@code LambdaMetafactory}, never serializable), string
 * concatenation, records' {@code equals}/{@code hashCode}/{@code toString}
 * ({@code ObjectMethods}), pattern and enum switches ({@code SwitchBootstraps}), and the
 * enum-constant labels of pattern switches ({@code ConstantBootstraps.invoke} of
 * {@code EnumDesc.of} and {@code ClassDesc.of}). Every method handle among their arguments,
 * such as a lambda's implementation or a method reference's target, is a use of that member
 * and must be allowed like a call.
 */
final class BootstrapRules {

    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory.metafactory";
    private static final String ALT_METAFACTORY = "java/lang/invoke/LambdaMetafactory.altMetafactory";
    private static final Set<String> CALL_SITE_BOOTSTRAPS = Set.of(
            METAFACTORY, ALT_METAFACTORY,
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            "java/lang/runtime/ObjectMethods.bootstrap",
            "java/lang/runtime/SwitchBootstraps.typeSwitch",
            "java/lang/runtime/SwitchBootstraps.enumSwitch");
    /** altMetafactory's arguments: interface method type, implementation, instantiated type, flags. */
    private static final int ALT_FLAGS_ARGUMENT = 3;
    private static final String CONSTANT_BOOTSTRAP = "java/lang/invoke/ConstantBootstraps.invoke";
    private static final Set<String> CONSTANT_FACTORIES = Set.of(
            "java/lang/Enum$EnumDesc.of", "java/lang/constant/ClassDesc.of");
    /** javac nests a ClassDesc inside an EnumDesc; deeper nesting is not javac's. */
    private static final int MAX_NESTING = 4;

    private final MemberAccess access;

    BootstrapRules(MemberAccess access) {
        this.access = access;
    }

    void checkCallSite(Site site, InvokeDynamicEntry callSite, Findings findings) {
        BootstrapMethodEntry bootstrap = callSite.bootstrap();
        String method = staticTarget(bootstrap.bootstrapMethod());
        List<LoadableConstantEntry> arguments = bootstrap.arguments();
        if (method == null || !CALL_SITE_BOOTSTRAPS.contains(method)) {
            site.report(findings, Rule.INVOKEDYNAMIC, "bootstrap method " + describe(bootstrap.bootstrapMethod())
                    + " is not one javac uses for plain Java");
        } else if (method.equals(ALT_METAFACTORY) && arguments.size() > ALT_FLAGS_ARGUMENT
                && arguments.get(ALT_FLAGS_ARGUMENT) instanceof IntegerEntry flags
                && (flags.intValue() & LambdaMetafactory.FLAG_SERIALIZABLE) != 0) {
            site.report(findings, Rule.SERIALIZATION, "a serializable lambda (" + callSite.name().stringValue() + ")");
        }
        if (METAFACTORY.equals(method) || ALT_METAFACTORY.equals(method)) {
            checkLambdaInterface(site, callSite, findings);
        }
        for (LoadableConstantEntry argument : arguments) {
            checkArgument(site, argument, 0, findings);
        }
    }

    /** A lambda is a class implementing its interface, so the interface must be one bundle classes may implement. */
    private void checkLambdaInterface(Site site, InvokeDynamicEntry callSite, Findings findings) {
        String descriptor = callSite.type().stringValue();
        String returned = descriptor.substring(descriptor.indexOf(')') + 1);
        if (returned.startsWith("L")) {
            String type = returned.substring(1, returned.length() - 1).replace('/', '.');
            if (!access.implementable(type)) {
                site.report(findings, Rule.SUPERTYPE, "a lambda implements " + type
                        + ", which bundles may not extend or implement");
            }
        }
    }

    /** Checks a dynamic constant loaded by {@code ldc} or given to a bootstrap method. */
    void checkDynamicConstant(Site site, ConstantDynamicEntry constant, int depth, Findings findings) {
        BootstrapMethodEntry bootstrap = constant.bootstrap();
        List<LoadableConstantEntry> arguments = bootstrap.arguments();
        boolean javacLabel = CONSTANT_BOOTSTRAP.equals(staticTarget(bootstrap.bootstrapMethod()))
                && !arguments.isEmpty() && arguments.getFirst() instanceof MethodHandleEntry factory
                && CONSTANT_FACTORIES.contains(staticTarget(factory));
        if (!javacLabel || depth > MAX_NESTING) {
            site.report(findings, Rule.CONSTANT, "dynamic constant from " + describe(bootstrap.bootstrapMethod())
                    + ": only the enum labels of pattern switches are allowed");
            return;
        }
        for (LoadableConstantEntry argument : arguments.subList(1, arguments.size())) {
            checkArgument(site, argument, depth + 1, findings);
        }
    }

    private void checkArgument(Site site, LoadableConstantEntry argument, int depth, Findings findings) {
        switch (argument) {
            case MethodHandleEntry handle -> checkHandle(site, handle, findings);
            case ConstantDynamicEntry constant -> checkDynamicConstant(site, constant, depth + 1, findings);
            default -> { }
        }
    }

    private void checkHandle(Site site, MethodHandleEntry handle, Findings findings) {
        MemberRefEntry member = handle.reference();
        access.denial(Hierarchy.binaryName(member.owner()), member.name().stringValue(), member.type().stringValue(),
                        use(handle.kind()))
                .ifPresent(reason -> site.report(findings, Rule.ALLOW_LIST, "method reference: " + reason));
    }

    private static Use use(int kind) {
        return switch (kind) {
            case MethodHandleInfo.REF_getField -> Use.READ;
            case MethodHandleInfo.REF_putField -> Use.WRITE;
            case MethodHandleInfo.REF_getStatic -> Use.STATIC_READ;
            case MethodHandleInfo.REF_putStatic -> Use.STATIC_WRITE;
            case MethodHandleInfo.REF_invokeStatic -> Use.STATIC;
            case MethodHandleInfo.REF_invokeSpecial -> Use.SPECIAL;
            case MethodHandleInfo.REF_newInvokeSpecial -> Use.CONSTRUCTOR;
            default -> Use.METHOD_REF;
        };
    }

    /** {@code owner.name} of a static method handle, or null if it is of another kind. */
    private static String staticTarget(MethodHandleEntry handle) {
        if (handle.kind() != MethodHandleInfo.REF_invokeStatic) {
            return null;
        }
        return handle.reference().owner().asInternalName() + "." + handle.reference().name().stringValue();
    }

    private static String describe(MethodHandleEntry handle) {
        MemberRefEntry member = handle.reference();
        return MemberAccess.display(Hierarchy.binaryName(member.owner()), member.name().stringValue(),
                member.type().stringValue());
    }
}
