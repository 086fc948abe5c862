/** The command line: one class per command, parsed by picocli, each failure reported in one line. */
package dev.erg.server.cli;
