package dev.erg.confine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The confine module's descriptor exports its user API and keeps the verifier, meter and loader inside. */
class ConfineModuleTest {

    private static ModuleDescriptor confine() throws URISyntaxException {
        Path classes = Path.of(Confinement.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return ModuleFinder.of(classes).find("dev.erg.confine").orElseThrow().descriptor();
    }

    @Test
    void onlyTheApiPackageIsExportedAndNothingIsOpen() throws URISyntaxException {
        ModuleDescriptor descriptor = confine();
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::isQualified)
                .containsExactly(Tuple.tuple("dev.erg.confine", false));
        assertThat(descriptor.packages()).contains("dev.erg.confine.verify", "dev.erg.confine.meter", "dev.erg.confine.load");
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.isOpen()).isFalse();
    }
}
