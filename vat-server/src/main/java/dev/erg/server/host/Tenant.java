package dev.erg.server.host;

import dev.erg.server.config.ServiceSpec;
import dev.erg.vat.Vat;

/** A service made and living in its vat: {@code ref} is the eventual reference sturdy refs designate. */
record Tenant(ServiceSpec spec, Vat vat, Object ref) {
}
