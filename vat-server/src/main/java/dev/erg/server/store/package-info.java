/** The data directory on disk: identity, configuration, issued sturdy refs, the lock; every file written atomically. */
package dev.erg.server.store;
