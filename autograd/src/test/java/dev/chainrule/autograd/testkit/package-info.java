/**
 * Helpers for users' own gradient tests, shipped in the {@code tests} jar: jqwik generators of
 * points inside a function's domain ({@link dev.chainrule.autograd.testkit.Points}) and
 * assertions that compare a gradient with finite differences
 * ({@link dev.chainrule.autograd.testkit.GradientAssertions}).
 */
package dev.chainrule.autograd.testkit;
