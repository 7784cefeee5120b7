package dev.chainrule.autograd;

/**
 * The algebra both engines share, so an elementwise derivative rule is written once and
 * runs on {@link Value} and {@link Tensor} graphs alike (see {@link ElementwiseOps}).
 * Every method is a recorded op, so a rule written with them differentiates again. Masks
 * come from {@link #step()}, whose own derivative is 0.
 */
interface Num<T extends Num<T>> {
    T add(T other);

    T sub(T other);

    T mul(T other);

    T div(T other);

    T add(double c);

    T sub(double c);

    T mul(double c);

    T div(double c);

    T neg();

    T pow(double p);

    T exp();

    T log();

    T sqrt();

    T abs();

    T sin();

    T cos();

    T sinh();

    T cosh();

    T tanh();

    T sigmoid();

    T softplus();

    T erf();

    T square();

    T step();
}
