/**
 * What the samples use to stage their parties: vat-servers as processes of their own
 * ({@link dev.erg.samples.launch.ServerProcess}), parties that only dial
 * ({@link dev.erg.samples.launch.Peer}), and a temporary directory for a run.
 */
package dev.erg.samples.launch;
