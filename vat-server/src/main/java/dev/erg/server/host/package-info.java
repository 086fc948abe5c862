/** The running server: services made by name, each in its own vat, behind sturdy refs, and its admin object. */
package dev.erg.server.host;
