package dev.erg.ocapn.captp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocatorUrisTest {

    @Test
    void nodeWithoutHintsIsDesignatorDotTransport() {
        PeerLocator node = new PeerLocator("abc", "tcp-testing-only", Map.of());
        assertThat(LocatorUris.format(node)).isEqualTo("ocapn://abc.tcp-testing-only");
        assertThat(LocatorUris.parseNode("ocapn://abc.tcp-testing-only")).isEqualTo(node);
    }

    @Test
    void theLastDotSeparatesTheTransportAndHintsAreTheQuery() {
        PeerLocator node = LocatorUris.parseNode("ocapn://a.b.c.tcp-testing-only?port=22045&host=127.0.0.1");
        assertThat(node).isEqualTo(new PeerLocator("a.b.c", "tcp-testing-only",
                Map.of("host", "127.0.0.1", "port", "22045")));
        assertThat(LocatorUris.format(node)).isEqualTo("ocapn://a.b.c.tcp-testing-only?host=127.0.0.1&port=22045");
    }

    @Test
    void sturdyRefsCarryTheSwissNumberAfterSlashS() {
        SturdyRefLocator ref = new SturdyRefLocator(new PeerLocator("k", "tcp-testing-only", Map.of("port", "1")),
                "sw iss/é");
        String uri = LocatorUris.format(ref);
        assertThat(uri).isEqualTo("ocapn://k.tcp-testing-only/s/sw%20iss%2F%C3%A9?port=1");
        assertThat(LocatorUris.parseSturdyRef(uri)).isEqualTo(ref);
        assertThatThrownBy(() -> LocatorUris.parseNode(uri)).hasMessageContaining("sturdy ref");
    }

    @Test
    void otherUrisAreRefusedWithTheReason() {
        assertThat(LocatorUris.isOcapn("captp://x")).isFalse();
        assertThatThrownBy(() -> LocatorUris.parseNode("captp://x.y")).hasMessageContaining("ocapn://");
        assertThatThrownBy(() -> LocatorUris.parseNode("ocapn://nodot")).hasMessageContaining("<transport>");
        assertThatThrownBy(() -> LocatorUris.parseNode("ocapn://a.b/x")).hasMessageContaining("/s/");
        assertThatThrownBy(() -> LocatorUris.parseNode("ocapn://a.b?x=%G1")).hasMessageContaining("percent");
        assertThatThrownBy(() -> LocatorUris.parseNode("ocapn://a.b?x=1&x=2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> LocatorUris.parseSturdyRef("ocapn://a.b")).hasMessageContaining("sturdy ref");
    }
}
