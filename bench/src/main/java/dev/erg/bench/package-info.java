/** Placeholder */
package dev.erg.bench;
