/**
 * Layers, MLPs, losses, initialisation, optimizers, data and checkpoints on chainrule's graph.
 * Every package is API; autograd's {@code Tensor} and {@code Value} appear in its signatures,
 * so a module that requires this one reads autograd too.
 */
module dev.chainrule.nn {
    requires transitive dev.chainrule.autograd;
    requires com.fasterxml.jackson.databind;

    exports dev.chainrule.nn;
    exports dev.chainrule.nn.data;
    exports dev.chainrule.nn.io;
    exports dev.chainrule.nn.monitor;
    exports dev.chainrule.nn.optim;
}
