package dev.erg.confine.meter;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.constant.ClassDesc;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rewrites a bundle's classes so that they charge their work to the {@link Gauge} of the
 * loader that defines them (see {@link MeteringCode} for what is charged where). The result
 * depends only on the bytes and the {@link CallPricer}, so the same bundle uses the same
 * computrons on every run.
 */
public final class Metering {

    private final CallPricer pricer;
    private final ClassHierarchyResolver outside;

    /**
     * @param pricer  prices calls outside the bundle
     * @param outside describes the classes outside the bundle that the bundle's code may use
     *                (the JDK, Erg's API, host types), for the stack maps of rewritten code
     */
    public Metering(CallPricer pricer, ClassHierarchyResolver outside) {
        this.pricer = Objects.requireNonNull(pricer, "pricer");
        this.outside = Objects.requireNonNull(outside, "outside");
    }

    /**
     * Meters every class of a bundle, given by binary name.
     *
     * @return the metered class files, by binary name
     * @throws UnmeterableException if a class cannot be parsed or rewritten (for example, a
     *                              method would grow beyond the 64 KiB a method may have)
     */
    public Map<String, byte[]> meter(Map<String, byte[]> classes) throws UnmeterableException {
        ClassFile parser = ClassFile.of();
        Map<String, ClassModel> models = new LinkedHashMap<>();
        Set<String> internalNames = new HashSet<>();
        Set<ClassDesc> interfaces = new HashSet<>();
        Map<ClassDesc, ClassDesc> supers = new HashMap<>();
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            if (e.getKey().equals(Gauge.NAME)) {
                throw new UnmeterableException(e.getKey(), "a bundle class may not have the meter's name");
            }
            ClassModel model;
            try {
                model = parser.parse(e.getValue());
            } catch (IllegalArgumentException bad) {
                throw new UnmeterableException(e.getKey(), "not a valid class file: " + bad.getMessage());
            }
            models.put(e.getKey(), model);
            internalNames.add(model.thisClass().asInternalName());
            ClassDesc self = model.thisClass().asSymbol();
            if ((model.flags().flagsMask() & ClassFile.ACC_INTERFACE) != 0) {
                interfaces.add(self);
            } else {
                supers.put(self, model.superclass().map(c -> c.asSymbol()).orElse(null));
            }
        }
        ClassHierarchyResolver hierarchy = ClassHierarchyResolver.of(interfaces, supers).orElse(outside);
        ClassFile writer = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(hierarchy));
        Set<String> bundle = Set.copyOf(internalNames);
        Map<String, Long> leaves = LeafMethods.of(models.values(), bundle, pricer);
        Set<String> pureLeaves = LeafMethods.pure(models.values(), leaves);
        Map<String, byte[]> metered = new LinkedHashMap<>();
        for (Map.Entry<String, ClassModel> e : models.entrySet()) {
            String owner = e.getValue().thisClass().asInternalName();
            ClassTransform transform = ClassTransform.transformingMethods((method, element) -> {
                if (element instanceof CodeModel code) {
                    MethodModel model = code.parent().orElseThrow();
                    boolean leaf = leaves.containsKey(LeafMethods.key(owner, model.methodName().stringValue(),
                            model.methodType().stringValue()));
                    method.transformCode(code, new MeteringCode(bundle, pricer, leaves, pureLeaves, leaf, code));
                } else {
                    method.with(element);
                }
            });
            try {
                metered.put(e.getKey(), writer.transformClass(e.getValue(), transform));
            } catch (IllegalArgumentException | IllegalStateException bad) {
                throw new UnmeterableException(e.getKey(), "cannot be metered: " + bad.getMessage());
            }
        }
        return metered;
    }
}
