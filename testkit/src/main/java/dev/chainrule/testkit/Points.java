package dev.chainrule.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * jqwik points inside a box and away from kinks, for property tests of gradients:
 *
 * <pre>{@code
 * @Provide Arbitrary<Point> points() {
 *     return Points.inBox(-3, 3, 2).awayFrom(new double[] {0}, 1e-3);     // relu's kink at 0
 * }
 * }</pre>
 *
 * <p>Coordinates have at most {@link #ofScale scale} decimals (3 by default) and shrink towards 0
 * (or the bound nearest to it) and towards fewer decimals, so a failing property is reported
 * at a simple point such as {@code (1.0, 0.0)}. Immutable; every method returns a new one.
 */
public final class Points extends ArbitraryDecorator<Point> {
    private final double lo;
    private final double hi;
    private final int n;
    private final int scale;
    private final List<Predicate<double[]>> filters;

    private Points(double lo, double hi, int n, int scale, List<Predicate<double[]>> filters) {
        this.lo = lo;
        this.hi = hi;
        this.n = n;
        this.scale = scale;
        this.filters = List.copyOf(filters);
    }

    /**
     * Points with {@code n} coordinates, each in {@code [lo, hi]}.
     *
     * @param lo the lower bound, finite
     * @param hi the upper bound, finite and above {@code lo}
     * @param n  the number of coordinates, at least 1
     * @return the arbitrary
     */
    public static Points inBox(double lo, double hi, int n) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("Points.inBox: need finite lo < hi, got [" + lo + ", " + hi + "]");
        }
        if (n < 1) {
            throw new IllegalArgumentException("Points.inBox: need at least one coordinate, got n = " + n);
        }
        return new Points(lo, hi, n, 3, List.of());
    }

    /**
     * Only points whose every coordinate is at least {@code margin} from each kink, e.g.
     * {@code {0}} for relu or abs applied to the inputs.
     *
     * @param kinks  coordinate values where the function is not smooth
     * @param margin the distance to keep, at least a few finite-difference steps
     * @return a new arbitrary
     */
    public Points awayFrom(double[] kinks, double margin) {
        double[] k = kinks.clone();
        return filtered(x -> {
            for (double xi : x) {
                for (double kink : k) {
                    if (Math.abs(xi - kink) < margin) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /**
     * Only points where {@code |g(x)| >= margin}, for kinks that are not per coordinate:
     * {@code x -> x[0] - x[1]} keeps {@code max(x0, x1)} away from its tie.
     *
     * @param g      a function that is 0 on the kink
     * @param margin the distance to keep
     * @return a new arbitrary
     */
    public Points awayFromZerosOf(ToDoubleFunction<double[]> g, double margin) {
        return filtered(x -> Math.abs(g.applyAsDouble(x)) >= margin);
    }

    /**
     * The same points with at most {@code decimals} digits after the point.
     *
     * @param decimals 0 to 15
     * @return a new arbitrary
     */
    public Points ofScale(int decimals) {
        if (decimals < 0 || decimals > 15) {
            throw new IllegalArgumentException("Points.ofScale: decimals must be 0..15, got " + decimals);
        }
        return new Points(lo, hi, n, decimals, filters);
    }

    private Points filtered(Predicate<double[]> keep) {
        List<Predicate<double[]>> more = new ArrayList<>(filters);
        more.add(keep);
        return new Points(lo, hi, n, scale, more);
    }

    @Override
    protected Arbitrary<Point> arbitrary() {
        Arbitrary<double[]> coords = Arbitraries.doubles().between(lo, hi).ofScale(scale).array(double[].class).ofSize(n);
        for (Predicate<double[]> keep : filters) {
            coords = coords.filter(keep);
        }
        return coords.map(Point::new);
    }
}
