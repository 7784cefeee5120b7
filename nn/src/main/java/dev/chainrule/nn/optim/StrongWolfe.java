package dev.chainrule.nn.optim;

import static dev.chainrule.nn.optim.FlatVectors.dot;
import static dev.chainrule.nn.optim.FlatVectors.pyMax;
import static dev.chainrule.nn.optim.FlatVectors.pyMin;

/**
 * The strong-Wolfe line search of {@link LBFGS}, a line-by-line port of PyTorch's
 * {@code torch.optim.lbfgs._strong_wolfe} and {@code _cubic_interpolate} (themselves ports of
 * Torch7's {@code lswolfe.lua} and {@code polyinterp.lua}), so that the trial steps, and
 * therefore the trajectory, are PyTorch's to the last bits where the arithmetic allows.
 *
 * <p>Along the direction d from x, with φ(t) = f(x + t·d): first bracket an interval holding a
 * step that satisfies the strong Wolfe conditions
 * <pre>
 * φ(t) ≤ φ(0) + c1·t·φ'(0)   (sufficient decrease)     |φ'(t)| ≤ −c2·φ'(0)   (curvature)
 * </pre>
 * by cubic extrapolation within [t + 0.01·(t − t_prev), 10·t], then zoom into it by cubic
 * interpolation, moving a trial step that lands within 10 % of an end away from it.
 */
final class StrongWolfe {
    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    static final int MAX_LS = 25;
    /**
     * The smallest bracket, times max|d|, worth zooming into. Fixed: PyTorch's LBFGS does not pass
     * its own toleranceChange on to the search, so neither do we.
     */
    static final double TOLERANCE_CHANGE = 1e-9;

    private StrongWolfe() {
    }

    /** f and its gradient at x + t·d. */
    record Eval(double f, double[] g) {
    }

    /** Evaluates the objective along the search direction. */
    interface Objective {
        Eval at(double t);
    }

    /** The accepted step t with its loss and gradient, and how many evaluations it took. */
    record Result(double loss, double[] grad, double t, int evals) {
    }

    /**
     * Searches from step {@code t}; {@code f}, {@code g}, {@code gtd} are the loss, gradient and
     * directional derivative gᵀd at t = 0.
     */
    static Result search(Objective obj, double t, double[] d, double f, double[] g, double gtd) {
        double dNorm = FlatVectors.maxAbs(d);
        g = g.clone();
        Eval e = obj.at(t);
        double fNew = e.f();
        double[] gNew = e.g();
        int evals = 1;
        double gtdNew = dot(gNew, d);

        // bracket an interval containing a point satisfying the Wolfe criteria
        double tPrev = 0;
        double fPrev = f;
        double[] gPrev = g;
        double gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        double[] bracket = null;
        double[] bracketF = null;
        double[][] bracketG = null;
        double[] bracketGtd = null;
        while (lsIter < MAX_LS) {
            if (fNew > (f + C1 * t * gtd) || (lsIter > 1 && fNew >= fPrev)) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new double[][] {gPrev, gNew.clone()};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            if (Math.abs(gtdNew) <= -C2 * gtd) {
                bracket = new double[] {t};
                bracketF = new double[] {fNew};
                bracketG = new double[][] {gNew};
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new double[][] {gPrev, gNew.clone()};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            // extrapolate
            double minStep = t + 0.01 * (t - tPrev);
            double maxStep = t * 10;
            double tmp = t;
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = tmp;
            fPrev = fNew;
            gPrev = gNew.clone();
            gtdPrev = gtdNew;
            e = obj.at(t);
            fNew = e.f();
            gNew = e.g();
            evals++;
            gtdNew = dot(gNew, d);
            lsIter++;
        }
        if (lsIter == MAX_LS) {
            bracket = new double[] {0, t};
            bracketF = new double[] {f, fNew};
            bracketG = new double[][] {g, gNew};
        }

        // zoom: refine the bracket until a point satisfies the criteria
        boolean insufficientProgress = false;
        int low = bracketF[0] <= bracketF[bracketF.length - 1] ? 0 : 1;
        int high = 1 - low;
        while (!done && lsIter < MAX_LS) {
            if (Math.abs(bracket[1] - bracket[0]) * dNorm < TOLERANCE_CHANGE) {
                break; // the bracket is too small
            }
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);

            // a trial point within 10 % of an end makes little progress: when that happens twice
            // in a row, or the point is at or beyond an end, move it 10 % of the bracket inside
            double bMax = pyMax(bracket[0], bracket[1]);
            double bMin = pyMin(bracket[0], bracket[1]);
            double eps = 0.1 * (bMax - bMin);
            if (pyMin(bMax - t, t - bMin) < eps) {
                if (insufficientProgress || t >= bMax || t <= bMin) {
                    t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }

            e = obj.at(t);
            fNew = e.f();
            gNew = e.g();
            evals++;
            gtdNew = dot(gNew, d);
            lsIter++;

            if (fNew > (f + C1 * t * gtd) || fNew >= bracketF[low]) {
                // no sufficient decrease, or not below the lowest point: the new point is the high end
                bracket[high] = t;
                bracketF[high] = fNew;
                bracketG[high] = gNew.clone();
                bracketGtd[high] = gtdNew;
                low = bracketF[0] <= bracketF[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(gtdNew) <= -C2 * gtd) {
                    done = true; // strong Wolfe conditions hold
                } else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
                    // the old low end becomes the high end
                    bracket[high] = bracket[low];
                    bracketF[high] = bracketF[low];
                    bracketG[high] = bracketG[low];
                    bracketGtd[high] = bracketGtd[low];
                }
                bracket[low] = t;
                bracketF[low] = fNew;
                bracketG[low] = gNew.clone();
                bracketGtd[low] = gtdNew;
            }
        }
        return new Result(bracketF[low], bracketG[low], bracket[low], evals);
    }

    /** {@link #cubicInterpolate(double, double, double, double, double, double, double, double)} within [x1, x2]. */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2) {
        return x1 <= x2 ? cubicInterpolate(x1, f1, g1, x2, f2, g2, x1, x2)
                : cubicInterpolate(x1, f1, g1, x2, f2, g2, x2, x1);
    }

    /**
     * The minimizer of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped to
     * [lo, hi]; the middle of [lo, hi] when the cubic has no minimum.
     */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2,
                                   double lo, double hi) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minPos = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return pyMin(pyMax(minPos, lo), hi);
        }
        return (lo + hi) / 2.;
    }
}
