/** Sample services every vat-server can host: {@code counter} and {@code greeter}. */
package dev.erg.server.services;
