/**
 * The chainrule command line, the examples and the benchmarks: an application, so nothing is
 * exported. picocli reads the commands' annotated fields reflectively, hence the open package.
 */
module dev.chainrule.examples {
    requires dev.chainrule.nn;
    requires dev.chainrule.nativeblas;
    requires com.fasterxml.jackson.databind;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires org.knowm.xchart;
    requires java.desktop;
    requires java.management;

    opens dev.chainrule.examples to info.picocli;

    // GemmTiming finds the bundled OpenBLAS itself
    uses dev.chainrule.autograd.kernel.MatMulProvider;
}
