/**
 * A bundled OpenBLAS ({@code org.bytedeco:openblas}) for chainrule's matrix products, provided
 * to autograd as its {@code MatMulProvider} service. Nothing is exported: having the module
 * (or the jar on the class path) present is all it takes.
 */
module dev.chainrule.nativeblas {
    requires dev.chainrule.autograd;
    requires org.bytedeco.javacpp;
    requires org.bytedeco.openblas;
    // the native libraries (the pom brings linux-x86_64's only): nothing requires these platform
    // modules otherwise, so on the module path they would not be resolved and the provider would
    // not load; elsewhere they are present but hold no library for the CPU, and autograd falls back
    requires org.bytedeco.javacpp.linux.x86_64;
    requires org.bytedeco.openblas.linux.x86_64;

    provides dev.chainrule.autograd.kernel.MatMulProvider with dev.chainrule.nativeblas.BundledOpenBlas;
}
