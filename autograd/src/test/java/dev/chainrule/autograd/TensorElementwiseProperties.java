package dev.chainrule.autograd;

import static dev.chainrule.testkit.TensorArbitraries.broadcastTensorPairs;
import static dev.chainrule.testkit.TensorArbitraries.tensors;
import static dev.chainrule.testkit.TensorArbitraries.values;
import static dev.chainrule.testkit.TensorArbitraries.valuesAwayFrom;
import static dev.chainrule.autograd.TensorTesting.assertTensor;
import static dev.chainrule.autograd.TensorTesting.broadcastReference;
import static dev.chainrule.autograd.TensorTesting.mapReference;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chainrule.testkit.TensorArbitraries.TensorPair;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Elementwise tensor ops over random shapes and broadcasting pairs: forwards agree with the
 * scalar engine's ops element by element, and every op's gradient agrees with central finite
 * differences (second order too for the smooth ones). Points are kept inside each op's
 * domain and away from its kinks, where finite differences mean nothing.
 */
class TensorElementwiseProperties {

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<TensorPair> pairs() {
        return broadcastTensorPairs(-2, 2);
    }

    @Provide
    Arbitrary<TensorPair> positiveDenominators() {
        return broadcastTensorPairs(values(-2, 2), values(0.5, 2));
    }

    @Provide
    Arbitrary<TensorPair> powPairs() {
        // exponents away from 0, where the PyTorch convention (d/da = 0) is not the limit
        return broadcastTensorPairs(values(0.3, 2), valuesAwayFrom(-2, 2, 1e-3, 0));
    }

    /** Pairs that never come within 1e-3 of a tie, so max/min are differentiable there. */
    @Provide
    Arbitrary<TensorPair> separatedPairs() {
        return broadcastTensorPairs(-2, 2).filter(p -> TensorTesting.minGap(p.a(), p.b()) > 1e-3);
    }

    @Provide
    Arbitrary<Tensor> anyTensors() {
        return tensors(-2, 2);
    }

    @Provide
    Arbitrary<Tensor> positiveTensors() {
        return tensors(0.2, 3);
    }

    @Provide
    Arbitrary<Tensor> awayFromZero() {
        return tensors(valuesAwayFrom(-2, 2, 1e-3, 0));
    }

    @Provide
    Arbitrary<Tensor> awayFromClampBounds() {
        return tensors(valuesAwayFrom(-2, 2, 1e-3, -0.5, 0.7));
    }

    @Provide
    Arbitrary<Double> constants() {
        return values(-3, 3).filter(c -> Math.abs(c) > 0.1);
    }

    // ---------------------------------------------------------------- forwards

    @Property(tries = 60)
    void binaryForwardsMatchTheScalarEngineWithBroadcasting(@ForAll("pairs") TensorPair p) {
        Tensor a = p.a(), b = p.b();
        int[] shape = ReferenceShapes.broadcast(a.shape(), b.shape());
        assertTensor(shape, broadcastReference(a, b, scalar(Value::add)), a.add(b), 0);
        assertTensor(shape, broadcastReference(a, b, scalar(Value::sub)), a.sub(b), 0);
        assertTensor(shape, broadcastReference(a, b, scalar(Value::mul)), a.mul(b), 0);
        assertTensor(shape, broadcastReference(a, b, scalar(Value::div)), a.div(b), 0);
        assertTensor(shape, broadcastReference(a, b, scalar(Value::max)), a.max(b), 0);
        assertTensor(shape, broadcastReference(a, b, scalar(Value::min)), a.min(b), 0);
        assertTensor(shape, broadcastReference(a, b, (x, y) -> Math.pow(Math.abs(x), y)), a.abs().pow(b), 0);
        // broadcasting is symmetric: b op a has the same shape
        assertTensor(shape, broadcastReference(b, a, scalar(Value::sub)), b.sub(a), 0);
    }

    @Property(tries = 60)
    void unaryForwardsMatchTheScalarEngine(@ForAll("anyTensors") Tensor t) {
        int[] s = t.shape();
        assertTensor(s, mapReference(t, unary(Value::neg)), t.neg(), 0);
        assertTensor(s, mapReference(t, unary(Value::exp)), t.exp(), 0);
        assertTensor(s, mapReference(t, unary(Value::log)), t.log(), 0);
        assertTensor(s, mapReference(t, unary(Value::sqrt)), t.sqrt(), 0);
        assertTensor(s, mapReference(t, unary(Value::abs)), t.abs(), 0);
        assertTensor(s, mapReference(t, unary(Value::sin)), t.sin(), 0);
        assertTensor(s, mapReference(t, unary(Value::cos)), t.cos(), 0);
        assertTensor(s, mapReference(t, unary(Value::tanh)), t.tanh(), 0);
        assertTensor(s, mapReference(t, unary(Value::sigmoid)), t.sigmoid(), 0);
        assertTensor(s, mapReference(t, unary(Value::relu)), t.relu(), 0);
        assertTensor(s, mapReference(t, unary(v -> v.leakyRelu(0.2))), t.leakyRelu(0.2), 0);
        assertTensor(s, mapReference(t, unary(Value::step)), t.step(), 0);
        assertTensor(s, mapReference(t, unary(Value::softplus)), t.softplus(), 0);
        assertTensor(s, mapReference(t, x -> Math.min(Math.max(x, -0.5), 0.7)), t.clamp(-0.5, 0.7), 0);
        assertTensor(s, mapReference(t, unary(v -> v.pow(3))), t.pow(3), 0);
        assertTensor(s, mapReference(t, unary(v -> v.add(1.5))), t.add(1.5), 0);
        assertTensor(s, mapReference(t, unary(v -> v.sub(1.5))), t.sub(1.5), 0);
        assertTensor(s, mapReference(t, unary(v -> v.mul(1.5))), t.mul(1.5), 0);
        assertTensor(s, mapReference(t, unary(v -> v.div(1.5))), t.div(1.5), 0);
    }

    @Property(tries = 50)
    void comparisonsAreConstantMasks(@ForAll("pairs") TensorPair p) {
        Tensor a = p.a(), b = p.b();
        int[] shape = ReferenceShapes.broadcast(a.shape(), b.shape());
        assertTensor(shape, broadcastReference(a, b, (x, y) -> x > y ? 1 : 0), a.gt(b), 0);
        assertTensor(shape, broadcastReference(a, b, (x, y) -> x >= y ? 1 : 0), a.ge(b), 0);
        assertTensor(shape, broadcastReference(a, b, (x, y) -> x < y ? 1 : 0), a.lt(b), 0);
        assertTensor(shape, broadcastReference(a, b, (x, y) -> x <= y ? 1 : 0), a.le(b), 0);
        assertTensor(shape, broadcastReference(a, b, (x, y) -> x == y ? 1 : 0), a.eq(b), 0);
        assertTensor(a.shape(), mapReference(a, x -> x > 0.3 ? 1 : 0), a.gt(0.3), 0);
        assertTensor(a.shape(), mapReference(a, x -> x >= 0.3 ? 1 : 0), a.ge(0.3), 0);
        assertTensor(a.shape(), mapReference(a, x -> x < 0.3 ? 1 : 0), a.lt(0.3), 0);
        assertTensor(a.shape(), mapReference(a, x -> x <= 0.3 ? 1 : 0), a.le(0.3), 0);
        assertTensor(a.shape(), mapReference(a, x -> x == a.toArray()[0] ? 1 : 0), a.eq(a.toArray()[0]), 0);
        assertFalse(a.gt(b).requiresGrad(), "a comparison is a constant");
    }

    @Property(tries = 50)
    void whereSelectsWithThreeWayBroadcasting(@ForAll("pairs") TensorPair p) {
        Tensor a = p.a(), b = p.b();
        Tensor mask = a.gt(b);
        Tensor w = Tensor.where(mask, a, b);
        assertTensor(mask.shape(), broadcastReference(a, b, Math::max), w, 0);
        // a mask of its own, smaller shape broadcasts too
        Tensor m2 = Tensor.constant(new double[] {1, 0}, 2, 1, 1, 1);
        Tensor w2 = Tensor.where(m2, a, b);
        int[] s2 = ReferenceShapes.broadcast(new int[] {2, 1, 1, 1}, mask.shape());
        double[] expected = new double[TensorTesting.size(s2)];
        for (int k = 0; k < expected.length; k++) {
            int[] idx = TensorTesting.unravel(k, s2);
            expected[k] = idx[0] == 0 ? TensorTesting.at(a, idx) : TensorTesting.at(b, idx);
        }
        assertTensor(s2, expected, w2, 0);
    }

    // ---------------------------------------------------------------- gradients: binary

    @Property(tries = 40)
    void addGradient(@ForAll("pairs") TensorPair p) {
        checkBoth(Tensor::add, p);
    }

    @Property(tries = 40)
    void subGradient(@ForAll("pairs") TensorPair p) {
        checkBoth(Tensor::sub, p);
    }

    @Property(tries = 40)
    void mulGradient(@ForAll("pairs") TensorPair p) {
        checkBoth(Tensor::mul, p);
    }

    @Property(tries = 40)
    void divGradient(@ForAll("positiveDenominators") TensorPair p) {
        checkBoth(Tensor::div, p);
    }

    @Property(tries = 40)
    void powGradient(@ForAll("powPairs") TensorPair p) {
        checkBoth(Tensor::pow, p);
    }

    @Property(tries = 40)
    void maxGradient(@ForAll("separatedPairs") TensorPair p) {
        check(x -> x.get(0).max(x.get(1)), p.a(), p.b());
        secondOrder(x -> x.get(0).max(x.get(1)).mul(x.get(0)), p.a(), p.b());
    }

    @Property(tries = 40)
    void minGradient(@ForAll("separatedPairs") TensorPair p) {
        check(x -> x.get(0).min(x.get(1)), p.a(), p.b());
        secondOrder(x -> x.get(0).min(x.get(1)).mul(x.get(1)), p.a(), p.b());
    }

    @Property(tries = 40)
    void whereGradientGoesToTheSelectedSide(@ForAll("pairs") TensorPair p) {
        Tensor mask = p.a().gt(0);
        check(x -> Tensor.where(mask, x.get(0), x.get(1)), p.a(), p.b());
        secondOrder(x -> Tensor.where(mask, x.get(0).mul(x.get(1)), x.get(1).exp()), p.a(), p.b());
    }

    // ---------------------------------------------------------------- gradients: double overloads

    @Property(tries = 30)
    void addScalarGradient(@ForAll("anyTensors") Tensor t, @ForAll("constants") double c) {
        check(x -> x.get(0).add(c), t);
    }

    @Property(tries = 30)
    void subScalarGradient(@ForAll("anyTensors") Tensor t, @ForAll("constants") double c) {
        check(x -> x.get(0).sub(c), t);
    }

    @Property(tries = 30)
    void mulScalarGradient(@ForAll("anyTensors") Tensor t, @ForAll("constants") double c) {
        checkSmooth(x -> x.get(0).mul(c).mul(x.get(0)), t);
    }

    @Property(tries = 30)
    void divScalarGradient(@ForAll("anyTensors") Tensor t, @ForAll("constants") double c) {
        checkSmooth(x -> x.get(0).div(c).mul(x.get(0)), t);
    }

    @Property(tries = 40)
    void powScalarGradient(@ForAll("positiveTensors") Tensor t, @ForAll("exponents") double p) {
        checkSmooth(x -> x.get(0).pow(p), t);
    }

    @Provide
    Arbitrary<Double> exponents() {
        return net.jqwik.api.Arbitraries.of(-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0, 1.7);
    }

    // ---------------------------------------------------------------- gradients: unary

    @Property(tries = 30)
    void negGradient(@ForAll("anyTensors") Tensor t) {
        checkSmooth(x -> x.get(0).neg().mul(x.get(0)), t);
    }

    @Property(tries = 30)
    void expGradient(@ForAll("anyTensors") Tensor t) {
        checkSmooth(x -> x.get(0).exp(), t);
    }

    @Property(tries = 30)
    void logGradient(@ForAll("positiveTensors") Tensor t) {
        checkSmooth(x -> x.get(0).log(), t);
    }

    @Property(tries = 30)
    void sqrtGradient(@ForAll("positiveTensors") Tensor t) {
        checkSmooth(x -> x.get(0).sqrt(), t);
    }

    @Property(tries = 30)
    void sinGradient(@ForAll("anyTensors") Tensor t) {
        checkSmooth(x -> x.get(0).sin(), t);
    }

    @Property(tries = 30)
    void cosGradient(@ForAll("anyTensors") Tensor t) {
        checkSmooth(x -> x.get(0).cos(), t);
    }

    @Property(tries = 30)
    void tanhGradient(@ForAll("anyTensors") Tensor t) {
        checkSmooth(x -> x.get(0).tanh(), t);
    }

    @Property(tries = 30)
    void sigmoidGradient(@ForAll("anyTensors") Tensor t) {
        checkSmooth(x -> x.get(0).sigmoid(), t);
    }

    @Property(tries = 30)
    void softplusGradient(@ForAll("anyTensors") Tensor t) {
        checkSmooth(x -> x.get(0).softplus(), t);
    }

    @Property(tries = 30)
    void absGradient(@ForAll("awayFromZero") Tensor t) {
        check(x -> x.get(0).abs(), t);
        secondOrder(x -> x.get(0).abs().mul(x.get(0)), t);
    }

    @Property(tries = 30)
    void reluGradient(@ForAll("awayFromZero") Tensor t) {
        check(x -> x.get(0).relu(), t);
        secondOrder(x -> x.get(0).relu().mul(x.get(0)), t);
    }

    @Property(tries = 30)
    void leakyReluGradient(@ForAll("awayFromZero") Tensor t) {
        check(x -> x.get(0).leakyRelu(0.1), t);
        secondOrder(x -> x.get(0).leakyRelu(0.1).mul(x.get(0)), t);
    }

    @Property(tries = 30)
    void stepGradientIsZero(@ForAll("awayFromZero") Tensor t) {
        check(x -> x.get(0).step().add(x.get(0)), t);
    }

    @Property(tries = 30)
    void clampGradient(@ForAll("awayFromClampBounds") Tensor t) {
        check(x -> x.get(0).clamp(-0.5, 0.7), t);
        check(x -> x.get(0).clamp(Double.NEGATIVE_INFINITY, 0.7), t);
        secondOrder(x -> x.get(0).clamp(-0.5, 0.7).mul(x.get(0)), t);
    }

    // ---------------------------------------------------------------- helpers

    private static void checkBoth(BinaryOperator<Tensor> op, TensorPair p) {
        check(x -> op.apply(x.get(0), x.get(1)), p.a(), p.b());
        secondOrder(x -> op.apply(x.get(0), x.get(1)), p.a(), p.b());
    }

    private static void checkSmooth(Function<List<Tensor>, Tensor> f, Tensor... in) {
        check(f, in);
        secondOrder(f, in);
    }

    static void check(Function<List<Tensor>, Tensor> f, Tensor... in) {
        GradCheck.assertTensorGradients(f, in);
    }

    static void secondOrder(Function<List<Tensor>, Tensor> f, Tensor... in) {
        GradCheck.assertTensorSecondOrder(f, in);
    }

    private static DoubleBinaryOperator scalar(BinaryOperator<Value> op) {
        return (x, y) -> op.apply(Value.constant(x), Value.constant(y)).data();
    }

    private static java.util.function.DoubleUnaryOperator unary(UnaryOperator<Value> op) {
        return x -> op.apply(Value.constant(x)).data();
    }
}
