/** Placeholder */
package dev.erg.crypto;
