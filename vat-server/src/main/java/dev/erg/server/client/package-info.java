/** A short-lived CapTP client for tools: ephemeral identity, calls by name, JSON in and out. */
package dev.erg.server.client;
