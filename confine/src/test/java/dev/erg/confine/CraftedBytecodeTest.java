package dev.erg.confine;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Bytecode javac never writes, made with the class-file API: what a hostile bundle could hand
 * in. Each is refused, and a class file that cannot be read is a violation, not a crash.
 */
class CraftedBytecodeTest {

    private static final ClassDesc CRAFTED = ClassDesc.of("plugin.Crafted");
    private static final String METHOD = "run()V";

    private static List<Violation> check(Map<String, byte[]> extra) {
        Map<String, byte[]> classes = new HashMap<>(SourceBundles.compile(SourceBundles.ENTRY));
        classes.putAll(extra);
        try {
            return Verifier.standard().check(Bundle.ofClasses(SourceBundles.ENTRY_CLASS, classes));
        } catch (BundleRejectedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Violation> checkMethod(Consumer<CodeBuilder> code) {
        return check(Map.of("plugin.Crafted", crafted(cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code))));
    }

    private static byte[] crafted(Consumer<ClassBuilder> body) {
        return ClassFile.of().build(CRAFTED, cb -> {
            cb.withFlags(AccessFlag.PUBLIC);
            body.accept(cb);
        });
    }

    @Test
    void aCustomBootstrapMethodIsRefused() {
        DirectMethodHandleDesc bootstrap = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC,
                ClassDesc.of("plugin.Crafted"), "bootstrap", MethodTypeDesc.ofDescriptor(
                        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)"
                                + "Ljava/lang/invoke/CallSite;"));
        List<Violation> violations = checkMethod(code -> code
                .invokedynamic(DynamicCallSiteDesc.of(bootstrap, "go", MethodTypeDesc.of(CD_void)))
                .return_());

        assertThat(violations).extracting(Violation::rule, Violation::method, Violation::offset)
                .containsExactly(tuple("invokedynamic", METHOD, 0));
        assertThat(violations.getFirst().detail()).contains("plugin.Crafted.bootstrap(");
    }

    @Test
    void monitorsMethodHandleConstantsAndDynamicConstantsAreRefused() {
        DynamicConstantDesc<Object> constant = DynamicConstantDesc.ofNamed(ConstantDescs.BSM_INVOKE, "x", CD_Object,
                MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, ClassDesc.of("java.lang.System"),
                        "exit", MethodTypeDesc.of(CD_void, CD_int)));
        List<Violation> violations = checkMethod(code -> code
                .ldc(CRAFTED).monitorenter()
                .ldc(MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, ClassDesc.of("java.lang.System"),
                        "gc", MethodTypeDesc.of(CD_void))).pop()
                .ldc(constant).pop()
                .return_());

        assertThat(violations).extracting(Violation::rule, Violation::offset)
                .containsExactly(tuple("synchronized", 2), tuple("constant", 3), tuple("constant", 6));
    }

    @Test
    void staticWritesOutsideTheInitializerAreRefused() {
        byte[] bytes = crafted(cb -> cb
                .withField("counter", CD_int, ClassFile.ACC_STATIC | ClassFile.ACC_FINAL)
                .withMethodBody("run", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        code -> code.iconst_1().putstatic(CRAFTED, "counter", CD_int)
                                .iconst_1().putstatic(ClassDesc.of("plugin.Main"), "other", CD_int).return_()));

        assertThat(check(Map.of("plugin.Crafted", bytes)))
                .extracting(Violation::rule, Violation::method, Violation::offset)
                .containsExactly(tuple("static-write", METHOD, 1), tuple("static-write", METHOD, 5));
    }

    @Test
    void catchingThrowableIsRefusedUnlessItIsJavacsMatchWrapper() {
        List<Violation> violations = checkMethod(code -> code.trying(
                        block -> block.invokestatic(CRAFTED, "run", MethodTypeDesc.of(CD_void)),
                        handlers -> handlers.catching(ConstantDescs.CD_Throwable, handler -> handler.pop()))
                .return_());

        assertThat(violations).extracting(Violation::rule, Violation::detail)
                .containsExactly(tuple("catch-error", "catches java.lang.Throwable: a vat may not carry on after an Error"));
    }

    @Test
    void aHandlerThatLoopsBackInsteadOfRethrowingIsRefused() {
        List<Violation> violations = checkMethod(code -> {
            Label start = code.newBoundLabel();
            code.trying(
                            block -> block.invokestatic(CRAFTED, "run", MethodTypeDesc.of(CD_void)),
                            handlers -> handlers.catching(ConstantDescs.CD_Throwable, handler -> handler
                                    .astore(0).aload(0).ifThen(Opcode.IFNONNULL, t -> t.goto_(start))
                                    .aload(0).athrow()))
                    .return_();
        });

        assertThat(violations).extracting(Violation::rule).containsExactly("catch-error");
    }

    @Test
    void unreadableNewerAndMisnamedClassFilesAreViolations() {
        byte[] newer = ClassFile.of().build(CRAFTED, cb -> cb.withVersion(ClassFile.JAVA_25_VERSION + 1, 0));
        byte[] misnamed = ClassFile.of().build(ClassDesc.of("plugin.Other"), cb -> { });

        assertThat(check(Map.of("plugin.Crafted", newer, "plugin.Garbage", new byte[] {(byte) 0xCA, (byte) 0xFE, 1},
                "plugin.Named", misnamed)))
                .extracting(Violation::className, Violation::rule)
                .containsExactly(
                        tuple("plugin.Crafted", "class-version"),
                        tuple("plugin.Garbage", "malformed"),
                        tuple("plugin.Named", "malformed"));
    }

    @Test
    void anEntryThatCannotStartAVatIsReported() {
        Map<String, byte[]> classes = SourceBundles.compile("""
                package plugin;
                class Main {
                    Main(int x) {}
                }
                """);

        List<Violation> violations;
        try {
            violations = Verifier.standard().check(Bundle.ofClasses("plugin.Main", classes));
        } catch (BundleRejectedException e) {
            throw new AssertionError(e);
        }

        assertThat(violations).extracting(Violation::rule).containsExactly("entry", "entry", "entry");
    }
}
