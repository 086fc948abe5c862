/**
 * The vat-server: a daemon that hosts vats and durable objects. Services plug in through
 * {@link dev.erg.server.spi.ServiceMaker}; durable objects are declared with
 * {@link dev.erg.server.durable}; {@link dev.erg.server.host.VatServer} embeds a server and
 * {@link dev.erg.server.client.CapTpClient} calls one.
 */
module dev.erg.server {
    requires transitive dev.erg.runtime;
    requires transitive dev.erg.confine;
    requires info.picocli;
    requires tools.jackson.core;
    requires tools.jackson.databind;
    requires tools.jackson.dataformat.cbor;
    requires java.sql;
    requires jdk.httpserver;
    requires jdk.unsupported;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires io.opentelemetry.api;
    requires io.opentelemetry.context;
    requires io.opentelemetry.sdk;
    requires io.opentelemetry.sdk.common;
    requires io.opentelemetry.sdk.trace;
    requires io.opentelemetry.sdk.metrics;
    requires io.opentelemetry.exporter.otlp;
    requires java.logging;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;

    exports dev.erg.server.admin;
    exports dev.erg.server.client;
    exports dev.erg.server.config;
    exports dev.erg.server.durable;
    exports dev.erg.server.host;
    exports dev.erg.server.spawn;
    exports dev.erg.server.spi;
    exports dev.erg.server.store;
    exports dev.erg.server.worker;
    // The runtime calls the OCapN test suite's objects through their remote interfaces.
    exports dev.erg.server.interop to dev.erg.runtime;

    // picocli sets the commands' option fields by reflection.
    opens dev.erg.server.cli to info.picocli;
    // Jackson reads and writes the admin protocol's records.
    opens dev.erg.server.admin to tools.jackson.databind;
    // The durable store writes the state of durable streams' ends as it writes objects' state.
    opens dev.erg.server.durable.flows to tools.jackson.databind;
    // Jackson writes the inspector's snapshots as JSON.
    opens dev.erg.server.inspect to tools.jackson.databind;

    provides ch.qos.logback.classic.spi.Configurator with dev.erg.server.LogSetup;

    uses dev.erg.server.spi.ServiceMaker;
    uses dev.erg.server.spi.RootMaker;
    provides dev.erg.server.spi.ServiceMaker with
            dev.erg.server.services.CounterMaker,
            dev.erg.server.services.GreeterMaker,
            dev.erg.server.spawn.VatMakerService;
    provides dev.erg.server.spi.RootMaker with
            dev.erg.server.services.FreshCounterMaker;
}
