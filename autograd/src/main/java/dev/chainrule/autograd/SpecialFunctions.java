package dev.chainrule.autograd;

/**
 * Special functions the JDK lacks: erf and erfc by W. J. Cody's rational Chebyshev
 * approximations (Math. Comp. 23 (1969) 631-637, the CALERF routine), accurate to about one
 * ulp over the whole line; asinh, acosh and atanh written so neither cancellation nor
 * overflow spoils them.
 */
final class SpecialFunctions {
    private static final double SQRPI = 5.6418958354775628695e-1; // 1/sqrt(pi)
    private static final double THRESH = 0.46875;
    private static final double XBIG = 26.543;
    private static final double LN2 = 0.6931471805599453;

    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
        1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
        1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346725e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};

    private SpecialFunctions() {
    }

    /** The error function 2/√π ∫₀ˣ e^(-t²) dt; erf(±∞) = ±1, NaN stays NaN. */
    static double erf(double x) {
        double y = Math.abs(x);
        if (y <= THRESH) {
            return x * small(y);
        }
        double r = 0.5 - erfcPositive(y) + 0.5; // 1 - erfc without losing the half
        return x < 0 ? -r : r;
    }

    /** The complementary error function 1 - erf(x), without cancellation for large x. */
    static double erfc(double x) {
        double y = Math.abs(x);
        if (y <= THRESH) {
            return 1 - x * small(y);
        }
        double r = erfcPositive(y);
        return x < 0 ? 2 - r : r;
    }

    /** erf(y)/y for |y| &le; 0.46875. */
    private static double small(double y) {
        double z = y > 1.11e-16 ? y * y : 0;
        double num = A[4] * z;
        double den = z;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * z;
            den = (den + B[i]) * z;
        }
        return (num + A[3]) / (den + B[3]);
    }

    /** erfc(y) for y &gt; 0.46875 (NaN in, NaN out). */
    private static double erfcPositive(double y) {
        if (Double.isNaN(y)) {
            return y;
        }
        if (y >= XBIG) {
            return 0;
        }
        double r;
        if (y <= 4) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            r = (num + C[7]) / (den + D[7]);
        } else {
            double z = 1 / (y * y);
            double num = P[5] * z;
            double den = z;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * z;
                den = (den + Q[i]) * z;
            }
            r = z * (num + P[4]) / (den + Q[4]);
            r = (SQRPI - r) / y;
        }
        // e^(-y²) as e^(-ysq²)·e^(-(y-ysq)(y+ysq)) with ysq = y rounded to 1/16: y² is not exact
        double ysq = Math.floor(y * 16) / 16;
        double del = (y - ysq) * (y + ysq);
        return Math.exp(-ysq * ysq) * Math.exp(-del) * r;
    }

    /** Inverse hyperbolic sine: log1p form near 0 (no cancellation), log(2|x|) far out (no overflow of x²). */
    static double asinh(double x) {
        double a = Math.abs(x);
        double r = a > 1e8 ? Math.log(a) + LN2 : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return Math.copySign(r, x);
    }

    /** Inverse hyperbolic cosine, NaN below 1; written in t = x - 1 so values near 1 keep their digits. */
    static double acosh(double x) {
        if (x > 1e8) {
            return Math.log(x) + LN2;
        }
        double t = x - 1;
        return Math.log1p(t + Math.sqrt(2 * t + t * t));
    }

    /** Inverse hyperbolic tangent: ±∞ at ±1, NaN beyond. */
    static double atanh(double x) {
        double a = Math.abs(x);
        return Math.copySign(0.5 * Math.log1p(2 * a / (1 - a)), x);
    }
}
