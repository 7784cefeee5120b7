/**
 * jqwik generators and gradient assertions for property tests of code built on chainrule. Its
 * signatures name chainrule's {@code Tensor} and {@code Value} and jqwik's {@code Arbitrary}, so
 * a module that requires this one reads autograd and jqwik's API too.
 */
module dev.chainrule.testkit {
    requires transitive dev.chainrule.autograd;
    requires transitive net.jqwik.api;

    exports dev.chainrule.testkit;
}
