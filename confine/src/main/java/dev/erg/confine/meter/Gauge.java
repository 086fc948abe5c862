package dev.erg.confine.meter;

import static java.lang.constant.ConstantDescs.CD_Map;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.List;

/**
 * The class that holds a confined vat's meter, generated and defined in each confined class
 * loader, so that metered code reaches it with plain static instructions. Its counter
 * {@value #LEFT} holds the computrons left in the current turn: metered code subtracts from
 * it inline and calls out only when it goes below zero, to throw {@value #ERROR}, the vat's
 * {@link OutOfComputrons}. The host sets both before each turn (see {@link Meter}).
 *
 * <p>The class is in a {@code dev.erg.} package, where no bundle class may be, and is not on
 * the allow-list, so bundle code cannot name it.
 */
public final class Gauge {

    /** The binary name of the generated class. */
    public static final String NAME = "dev.erg.confine.gauge.Gauge";
    static final ClassDesc DESC = ClassDesc.of(NAME);
    static final String LEFT = "left";
    static final String ERROR = "error";
    static final MethodTypeDesc CHARGE_LONG = MethodTypeDesc.of(CD_void, CD_long);
    static final MethodTypeDesc EXHAUSTED = MethodTypeDesc.of(CD_void);
    static final MethodTypeDesc ARRAY = MethodTypeDesc.of(CD_int, CD_int);
    static final MethodTypeDesc CREDIT = MethodTypeDesc.of(CD_int);
    static final MethodTypeDesc DIMS = MethodTypeDesc.of(CD_long, CD_long, CD_int);
    static final MethodTypeDesc SIZE_OF = MethodTypeDesc.of(CD_long, CD_Object);

    private static final ClassDesc CD_Error = ClassDesc.of("java.lang.Error");
    private static final ClassDesc MATH = ClassDesc.of("java.lang.Math");
    private static final ClassDesc CHAR_SEQUENCE = ClassDesc.of("java.lang.CharSequence");
    private static final ClassDesc COLLECTION = ClassDesc.of("java.util.Collection");
    /** Dimension products beyond this are charged as this: far beyond any budget. */
    private static final double MOST = 1e15;

    private static final byte[] BYTES = generate();

    private Gauge() {}

    /** The class file of the gauge (the same for every loader). */
    public static byte[] classFile() {
        return BYTES.clone();
    }

    /**
     * Emits the inline charge of {@code cost}: subtract, and call out to throw if the counter
     * went below zero. Leaves the operand stack as it was.
     */
    static void charge(CodeBuilder code, long cost) {
        var ok = code.newLabel();
        code.getstatic(DESC, LEFT, CD_long)
                .loadConstant(cost)
                .lsub()
                .dup2()
                .putstatic(DESC, LEFT, CD_long)
                .lconst_0()
                .lcmp()
                .ifge(ok)
                .invokestatic(DESC, "exhausted", EXHAUSTED)
                .labelBinding(ok);
    }

    private static byte[] generate() {
        return ClassFile.of().build(DESC, cls -> cls
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER)
                .withField(LEFT, CD_long, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC)
                .withField(ERROR, CD_Error, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC)
                .withMethodBody("exhausted", EXHAUSTED, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                        .getstatic(DESC, ERROR, CD_Error)
                        .athrow())
                .withMethodBody("charge", CHARGE_LONG, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    // Negative sizes (a NegativeArraySizeException to come) must not add computrons.
                    code.getstatic(DESC, LEFT, CD_long)
                            .lload(0).lconst_0().invokestatic(MATH, "max", MethodTypeDesc.of(CD_long, CD_long, CD_long))
                            .lsub()
                            .dup2()
                            .putstatic(DESC, LEFT, CD_long)
                            .lconst_0()
                            .lcmp();
                    var ok = code.newLabel();
                    code.ifge(ok)
                            .getstatic(DESC, ERROR, CD_Error)
                            .athrow()
                            .labelBinding(ok)
                            .return_();
                })
                .withMethodBody("credit", CREDIT, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                        .getstatic(DESC, LEFT, CD_long)
                        .loadConstant((long) Integer.MAX_VALUE)
                        .invokestatic(MATH, "min", MethodTypeDesc.of(CD_long, CD_long, CD_long))
                        .lconst_0()
                        .invokestatic(MATH, "max", MethodTypeDesc.of(CD_long, CD_long, CD_long))
                        .l2i()
                        .ireturn())
                .withMethodBody("array", ARRAY, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                        .iload(0).i2l().lconst_1().ladd()
                        .invokestatic(DESC, "charge", CHARGE_LONG)
                        .iload(0)
                        .ireturn())
                .withMethodBody("dims", DIMS, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                        .lload(0).l2d()
                        .iload(2).iconst_0().invokestatic(MATH, "max", MethodTypeDesc.of(CD_int, CD_int, CD_int)).i2d()
                        .dmul()
                        .loadConstant(MOST)
                        .invokestatic(MATH, "min", MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_double,
                                ConstantDescs.CD_double))
                        .d2l()
                        .lreturn())
                .withMethodBody("sizeOf", SIZE_OF, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, Gauge::sizeOf));
    }

    /** {@code long sizeOf(Object)}: a CharSequence's length, a Collection's or Map's size, an array's length, else 0. */
    private static void sizeOf(CodeBuilder code) {
        sizeBy(code, CHAR_SEQUENCE, "length");
        sizeBy(code, COLLECTION, "size");
        sizeBy(code, CD_Map, "size");
        for (ClassDesc array : List.of(CD_Object.arrayType(), CD_int.arrayType(), CD_long.arrayType(),
                ConstantDescs.CD_byte.arrayType(), ConstantDescs.CD_char.arrayType(), ConstantDescs.CD_short.arrayType(),
                ConstantDescs.CD_boolean.arrayType(), ConstantDescs.CD_float.arrayType(),
                ConstantDescs.CD_double.arrayType())) {
            var next = code.newLabel();
            code.aload(0).instanceOf(array).ifeq(next)
                    .aload(0).checkcast(array).arraylength().i2l().lreturn()
                    .labelBinding(next);
        }
        code.lconst_0().lreturn();
    }

    private static void sizeBy(CodeBuilder code, ClassDesc iface, String method) {
        var next = code.newLabel();
        code.aload(0).instanceOf(iface).ifeq(next)
                .aload(0).checkcast(iface)
                .invokeinterface(iface, method, MethodTypeDesc.of(CD_int))
                .i2l().lreturn()
                .labelBinding(next);
    }
}
