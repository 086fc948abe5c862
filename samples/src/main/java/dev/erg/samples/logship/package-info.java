/**
 * Log shipping: one organization streams its log to another's archive, which is restarted
 * mid-way; the shipment resumes from what the archive stored, and ends with the archive's copy
 * byte for byte the log. Run it: {@code samples/run logship}.
 */
package dev.erg.samples.logship;
