/**
 * chainrule's computational graph: scalar {@link dev.chainrule.autograd.Value}s and n-d
 * {@link dev.chainrule.autograd.Tensor}s, backward, higher order, gradient checking. Only
 * {@code dev.chainrule.autograd} is API. The kernels ({@code dev.chainrule.autograd.kernel}: raw
 * array loops, EJML and BLAS calls) are exported to chainrule's own modules only: to
 * {@code dev.chainrule.nativeblas}, which implements the {@code MatMulProvider} service, and to
 * {@code dev.chainrule.examples}, whose benchmarks time the kernels one by one. Users choose the
 * thread count and read the kernel's name through {@link dev.chainrule.autograd.Backend}.
 */
module dev.chainrule.autograd {
    requires java.logging;
    requires ejml.core;
    requires ejml.ddense;
    requires dev.ludovic.netlib.blas;

    exports dev.chainrule.autograd;
    exports dev.chainrule.autograd.kernel to dev.chainrule.nativeblas, dev.chainrule.examples;

    // a native matmul library plugged in from another jar (chainrule-native-blas's bundled OpenBLAS)
    uses dev.chainrule.autograd.kernel.MatMulProvider;
}
