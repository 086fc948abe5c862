/**
 * The inspector: a live page of a running vat-server, served on loopback at a capability URL
 * ({@link dev.erg.server.inspect.InspectorEndpoint}), showing a {@link dev.erg.server.inspect.Snapshot}
 * that {@link dev.erg.server.inspect.Inspector} takes without stopping the vats. The page is
 * plain HTML, CSS and a script in this package's resources, with no build step; each of its
 * panels draws one part of a snapshot, so a new view is one more panel.
 */
package dev.erg.server.inspect;
