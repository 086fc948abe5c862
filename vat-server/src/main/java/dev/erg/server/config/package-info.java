/** The configuration file and the one-line {@link dev.erg.server.config.SetupException} every setup problem becomes. */
package dev.erg.server.config;
