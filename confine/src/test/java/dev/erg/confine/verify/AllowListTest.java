package dev.erg.confine.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The allow-list's data: every entry names a real public member, and lookups find overloads and sizes. */
class AllowListTest {

    private final AllowList list = AllowList.standard();

    @Test
    void everyEntryNamesAMemberItsTypeDeclaresForUseOutsideItsPackage() throws Exception {
        // the verifier grants a member through the type that declares it, so an entry on a type
        // that merely inherits the member would grant nothing
        assertThat(list.entries()).hasSizeGreaterThan(300);
        for (String typeName : list.typeNames()) {
            Class<?> type = Class.forName(typeName, false, AllowListTest.class.getClassLoader());
            assertThat(Modifier.isPublic(type.getModifiers())).as(typeName).isTrue();
        }
        for (AllowList.Entry entry : list.entries()) {
            Class<?> type = Class.forName(entry.owner(), false, AllowListTest.class.getClassLoader());
            assertThat(declaredMembers(type)).as(entry.owner() + " " + entry.member())
                    .anyMatch(member -> member.equals(entry.member()) || member.startsWith(entry.member() + "("));
            assertThat(entry.reason()).as(entry.member()).isNotBlank();
        }
    }

    @Test
    void lookupsFindOverloadsAndSizes() {
        assertThat(list.lookup("java.lang.String", "length", "()I")).isPresent()
                .hasValueSatisfying(e -> assertThat(e.sizeArgument()).isEmpty());
        assertThat(list.lookup("java.lang.String", "repeat", "(I)Ljava/lang/String;"))
                .hasValueSatisfying(e -> assertThat(e.sizeArgument()).isEqualTo(OptionalInt.of(1)));
        assertThat(list.lookup("java.util.ArrayList", "<init>", "(I)V"))
                .hasValueSatisfying(e -> assertThat(e.sizeArgument()).isEqualTo(OptionalInt.of(1)));
        assertThat(list.lookup("java.util.ArrayList", "<init>", "()V"))
                .hasValueSatisfying(e -> assertThat(e.sizeArgument()).isEmpty());
        assertThat(list.lookup("java.lang.String", "toLowerCase", "()Ljava/lang/String;")).isEmpty();
        assertThat(list.lookup("java.lang.String", "intern", "()Ljava/lang/String;")).isEmpty();
        assertThat(list.lookup("java.lang.System", "exit", "(I)V")).isEmpty();
        assertThat(list.lookup("java.lang.Math", "PI", "D")).isPresent();
    }

    @Test
    void resolvingFindsTheEntryOfTheNearestDeclaringSupertype() {
        // ArrayList declares addAll itself, but only List's declaration is on the list
        assertThat(list.resolve("java.util.ArrayList", "addAll", "(Ljava/util/Collection;)Z"))
                .hasValueSatisfying(e -> {
                    assertThat(e.owner()).isEqualTo("java.util.List");
                    assertThat(e.sizeArgument()).isEqualTo(OptionalInt.of(1));
                });
        assertThat(list.resolve("java.util.ArrayList", "<init>", "(I)V")).map(AllowList.Entry::owner)
                .contains("java.util.ArrayList");
        assertThat(list.resolve("java.lang.Thread", "start", "()V")).isEmpty();
    }

    @Test
    void typesSayWhetherTheyMayBeExtendedOrHeldInStatics() {
        assertThat(list.extendable("java.lang.Record")).isTrue();
        assertThat(list.extendable("java.lang.Thread")).isFalse();
        assertThat(list.extendable("java.lang.String")).isFalse();
        assertThat(list.immutable("java.lang.String")).isTrue();
        assertThat(list.immutable("java.util.List")).isFalse();
        assertThat(list.knows("java.lang.Runtime")).isFalse();
    }

    @Test
    void aMalformedListIsRefusedWithItsLine() {
        assertThatThrownBy(() -> AllowList.parse("java.lang.String\n", "test"))
                .hasMessageContaining("test:1").hasMessageContaining("reason");
        assertThatThrownBy(() -> AllowList.parse("    length : x\n", "test")).hasMessageContaining("before any type");
        assertThatThrownBy(() -> AllowList.parse("a.B : x\n    m m : y\n", "test")).hasMessageContaining("twice");
        assertThatThrownBy(() -> AllowList.parse("a.B wobbly : x\n", "test")).hasMessageContaining("bad flags");
    }

    private static Stream<String> declaredMembers(Class<?> type) {
        return Stream.of(
                Arrays.stream(type.getDeclaredMethods()).filter(m -> visible(m.getModifiers())).map(m -> m.getName()
                        + parameters(MethodType.methodType(m.getReturnType(), m.getParameterTypes()))),
                Arrays.stream(type.getDeclaredConstructors()).filter(c -> visible(c.getModifiers())).map(c -> "<init>"
                        + parameters(MethodType.methodType(void.class, c.getParameterTypes()))),
                Arrays.stream(type.getDeclaredFields()).filter(f -> visible(f.getModifiers())).map(f -> f.getName()))
                .flatMap(s -> s);
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String parameters(MethodType type) {
        String descriptor = type.descriptorString();
        return descriptor.substring(0, descriptor.indexOf(')') + 1);
    }
}
