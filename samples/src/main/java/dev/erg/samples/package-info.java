/** Placeholder */
package dev.erg.samples;
