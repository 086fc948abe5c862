package dev.erg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Problem;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.Resolver;
import dev.erg.vat.Vat;
import dev.erg.vat.spi.Refs;
import dev.erg.vat.spi.RemoteTarget;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The runtime's module descriptor exports the user API and nothing else. */
class ModuleBoundaryTest {

    /** A remote interface. */
    public interface Bell {
        void ring();
    }

    private static ModuleDescriptor runtime() throws URISyntaxException {
        Path classes = Path.of(Vat.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return ModuleFinder.of(classes).find("dev.erg.runtime").orElseThrow().descriptor();
    }

    @Test
    void onlyTheUserApiPackagesAreExportedToEveryone() throws URISyntaxException {
        assertThat(runtime().exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source))
                .containsExactlyInAnyOrder("dev.erg.vat", "dev.erg.wire", "dev.erg.captp", "dev.erg.net", "dev.erg.trace",
                        "dev.erg.stream");
    }

    @Test
    void theLinksAndOcapnValuesGoToTheVatServerAloneTheHooksAlsoToConfinementAndNothingIsOpen()
            throws URISyntaxException {
        Map<String, ?> qualified = runtime().exports().stream().filter(ModuleDescriptor.Exports::isQualified)
                .collect(Collectors.toMap(ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets));
        assertThat(qualified).isEqualTo(Map.of("dev.erg.net.link", Set.of("dev.erg.server"),
                "dev.erg.vat.spi", Set.of("dev.erg.server", "dev.erg.confine"),
                "dev.erg.ocapn.syrup", Set.of("dev.erg.server"), "dev.erg.ocapn.captp", Set.of("dev.erg.server")));
        assertThat(runtime().opens()).isEmpty();
        assertThat(runtime().isOpen()).isFalse();
    }

    @Test
    void theMachineryIsInTheModuleButNotExported() throws URISyntaxException {
        assertThat(runtime().packages()).contains(
                "dev.erg.wire.codec", "dev.erg.captp.session", "dev.erg.net.link", "dev.erg.vat.spi",
                "dev.erg.ocapn.syrup", "dev.erg.ocapn.captp", "dev.erg.ocapn.session", "dev.erg.ocapn.netlayer");
        assertThat(runtime().requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name))
                .containsExactly("dev.erg.crypto");
    }

    @Test
    void refOffersApplicationsInspectionWaitingAndTheUntypedSendOnly() {
        assertThat(Arrays.stream(Ref.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName))
                .containsExactlyInAnyOrder("kind", "monitor", "problem", "send", "whenResolved");
    }

    @Test
    void theNetworkLayerReachesTheHiddenOperationsThroughTheHooks() {
        RemoteTarget target = new RemoteTarget() {
            @Override
            public RemoteTarget send(String method, Object[] args, Class<?> answerType, Resolver<Object> answer) {
                return null;
            }

            @Override
            public void whenBroken(Consumer<Problem> listener) {
            }
        };
        Bell remote = Refs.remote(target, Bell.class);

        assertThat(Ref.kind(remote)).isEqualTo(RefKind.EVENTUAL);
        assertThat(Refs.remoteTarget(remote)).isSameAs(target);
        assertThat(Ref.kind(Refs.deferPipelined(target).promise())).isEqualTo(RefKind.PROMISE);
    }

    /** Streams are built on eventual sends alone: no wire, session or network code (architecture: vat ↛ captp). */
    @Test
    void streamsStandOnTheVatPackageAlone() throws IOException {
        try (var files = Files.list(Path.of("src", "main", "java", "dev", "erg", "stream"))) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("import ")) {
                        assertThat(line).as(file.getFileName().toString())
                                .matches("import (java\\.|dev\\.erg\\.vat\\.[A-Z]|dev\\.erg\\.vat\\.spi\\.Vats;).*");
                    }
                }
            }
        }
    }
}
