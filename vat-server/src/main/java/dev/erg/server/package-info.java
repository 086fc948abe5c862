/** Placeholder */
package dev.erg.server;
