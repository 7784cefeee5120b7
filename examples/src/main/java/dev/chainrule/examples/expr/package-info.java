/**
 * Arithmetic expressions over named variables, parsed into {@link dev.chainrule.autograd.Value}
 * graphs for the {@code graph} and {@code gradcheck} commands, with errors that point at the
 * offending part of the text.
 */
package dev.chainrule.examples.expr;
