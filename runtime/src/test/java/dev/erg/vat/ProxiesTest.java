package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proxies made with a constructor found once are the proxies the platform makes. */
class ProxiesTest {

    public interface Open {
        Promise<String> name();
    }

    interface Hidden {
        Promise<String> name();
    }

    public interface Other {
        void ping();
    }

    @Test
    void aProxyOfOneInterfaceIsOfThePlatformsClassAndCallsItsOwnHandler() throws Exception {
        List<String> called = new ArrayList<>();
        InvocationHandler first = (proxy, method, args) -> {
            called.add("first " + method.getName());
            return null;
        };
        InvocationHandler second = (proxy, method, args) -> {
            called.add("second " + method.getName());
            return null;
        };
        for (Class<?> iface : List.of(Open.class, Hidden.class)) {
            Object a = Proxies.of(iface, first);
            Object b = Proxies.of(iface, second);
            assertThat(a.getClass()).isSameAs(b.getClass())
                    .isSameAs(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, first).getClass());
            assertThat(Proxy.getInvocationHandler(a)).isSameAs(first);
            assertThat(Proxy.getInvocationHandler(b)).isSameAs(second);
            iface.getMethod("name").invoke(b);
            iface.getMethod("name").invoke(a);
        }
        assertThat(called).containsExactly("second name", "first name", "second name", "first name");
    }

    @Test
    void aProxyOfSeveralInterfacesImplementsThemAll() {
        InvocationHandler handler = (proxy, method, args) -> null;
        Object both = Proxies.of(Open.class.getClassLoader(), new Class<?>[] {Open.class, Other.class}, handler);
        assertThat(both).isInstanceOf(Open.class).isInstanceOf(Other.class);
        assertThat(Proxy.getInvocationHandler(both)).isSameAs(handler);
        assertThat(Proxies.of(Open.class.getClassLoader(), new Class<?>[] {Open.class}, handler)).isInstanceOf(Open.class)
                .isNotInstanceOf(Other.class);
    }
}
