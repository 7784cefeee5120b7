/**
 * The loops over raw {@code double[]} arrays that the tensor ops run: elementwise and
 * broadcast kernels, reductions, strided copies, selections, the matrix product and the dense
 * linear algebra behind {@link dev.chainrule.autograd.Linalg}.
 *
 * <p>This package is an implementation detail of {@code dev.chainrule.autograd}, public only so
 * that the ops (in another package) can call it; its methods take output arguments, check
 * little and may change without notice. Use {@link dev.chainrule.autograd.Tensor} instead. The one
 * part meant for users is the choice of matrix-product kernel: {@link dev.chainrule.autograd.kernel.MatMul}
 * picks native BLAS, the Vector API or EJML at first use (override with the system property
 * {@code chainrule.matmul}) and reports which one ran.
 */
package dev.chainrule.autograd.kernel;
