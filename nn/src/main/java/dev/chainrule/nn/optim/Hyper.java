package dev.chainrule.nn.optim;

/** Hyperparameter validation with messages naming the optimizer, the option and the value. */
final class Hyper {
    private Hyper() {
    }

    static double nonNegative(String owner, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    static double unitInterval(String owner, String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    static double closedUnit(String owner, String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in [0, 1], got " + value);
        }
        return value;
    }

    /** A count of epochs or steps: at least 1. */
    static int positiveCount(String owner, String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(owner + ": " + name + " must be >= 1, got " + value);
        }
        return value;
    }

    static double positive(String owner, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be a finite number > 0, got " + value);
        }
        return value;
    }
}
