/** What crosses between the command line and a running server: the {@link dev.erg.server.admin.Admin} interface and its records. */
package dev.erg.server.admin;
