/**
 * What the network layer needs from the vat package (internal): the far end of a reference
 * that leaves the JVM ({@link dev.erg.vat.spi.RemoteTarget}), and the package-private
 * operations of {@link dev.erg.vat.Ref} that carry references between JVMs
 * ({@link dev.erg.vat.spi.Refs}). Not exported, so applications cannot forge references.
 */
package dev.erg.vat.spi;
