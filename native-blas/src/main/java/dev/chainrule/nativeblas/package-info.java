/**
 * A bundled native BLAS for chainrule: {@link dev.chainrule.nativeblas.BundledOpenBlas}, the
 * OpenBLAS of {@code org.bytedeco:openblas}, plugged into autograd's matrix products as a
 * {@code dev.chainrule.autograd.kernel.MatMulProvider} service. Having this jar on the class path is
 * all it takes.
 */
package dev.chainrule.nativeblas;
