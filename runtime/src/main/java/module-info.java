/**
 * Erg's runtime: vats, promises and eventual references ({@link dev.erg.vat}), the values that
 * may cross between vats ({@link dev.erg.wire}), sturdy refs ({@link dev.erg.captp}) and nodes
 * that connect vats of different JVMs ({@link dev.erg.net}), and causality tracing
 * ({@link dev.erg.trace}), and streams with flow control ({@link dev.erg.stream}).
 *
 * <p>Only those six packages are exported. The wire codec ({@code dev.erg.wire.codec}), the
 * CapTP session engine ({@code dev.erg.captp.session}), the TLS links
 * ({@code dev.erg.net.link}), OCapN's Syrup encoding, CapTP, sessions and netlayer
 * ({@code dev.erg.ocapn.syrup}, {@code dev.erg.ocapn.captp}, {@code dev.erg.ocapn.session},
 * {@code dev.erg.ocapn.netlayer}) and the
 * hooks through which the network layer reaches the vat package ({@code dev.erg.vat.spi}) are
 * internal (OCapN's Syrup and CapTP packages are exported to the vat-server alone, whose
 * interop objects read selectors and sturdy refs); see {@code docs/adr/0004-module-boundaries.md}.
 * The runtime reaches application code by reflection: a module that exports remote interfaces
 * or passes records must export their packages to this module, or register its records with
 * its own {@link java.lang.invoke.MethodHandles.Lookup}.
 */
// The vat-server and confine, to which internal packages are exported, are built after this module.
@SuppressWarnings("module")
module dev.erg.runtime {
    requires transitive dev.erg.crypto;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;

    exports dev.erg.vat;
    exports dev.erg.wire;
    exports dev.erg.captp;
    exports dev.erg.net;
    exports dev.erg.trace;
    exports dev.erg.stream;

    // The vat-server reports the number of frames sent (Link.messagesSent) as a metric.
    exports dev.erg.net.link to dev.erg.server;
    // The vat-server's durable engine logs what peers repeat through the runtime's LogLimiter;
    // confinement guards the turns of confined vats and terminates them (Vats).
    exports dev.erg.vat.spi to dev.erg.server, dev.erg.confine;
    // The vat-server's OCapN interop objects read the selectors and sturdy refs the public
    // OCapN test suite sends them.
    exports dev.erg.ocapn.syrup to dev.erg.server;
    exports dev.erg.ocapn.captp to dev.erg.server;
}
