/**
 * Durable objects across two vat-server processes: a {@link dev.erg.samples.payroll.Bank}
 * whose accounts are durable objects of their own, and a {@link dev.erg.samples.payroll.Payroll}
 * that pays salaries into them by durable sends, each delivered once though each server is
 * killed once ({@link dev.erg.samples.payroll.PayrollSample}).
 */
package dev.erg.samples.payroll;
