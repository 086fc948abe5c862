/** The vat-server program, {@link dev.erg.server.VatServerMain}; its layers are the subpackages. */
package dev.erg.server;
