/** What a hosted service implements: a {@link dev.erg.server.spi.ServiceMaker}, and optionally {@link dev.erg.server.spi.Describable}. */
package dev.erg.server.spi;
