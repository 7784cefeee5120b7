package dev.chainrule.nn.monitor;

import java.util.List;

/** The training problems of the lecture notes that a {@link GradientMonitor} can name, each with the notes' remedies. */
public enum Problem {
    /** Gradients shrink layer by layer towards the input. */
    VANISHING_GRADIENTS("vanishing gradients", List.of("ReLU instead of sigmoid/tanh", "batch normalization",
            "residual connections")),
    /** Gradients or updates grow out of proportion to the weights. */
    EXPLODING_GRADIENTS("exploding gradients", List.of("gradient clipping", "a smaller learning rate",
            "batch normalization")),
    /** ReLU units that output 0 for every example, so they never learn again. */
    DEAD_UNITS("dead ReLU units", List.of("a smaller learning rate", "leaky ReLU", "He initialization",
            "batch normalization")),
    /** sigmoid/tanh units stuck near their limits, where their derivative is almost 0. */
    SATURATION("saturated units", List.of("ReLU instead of sigmoid/tanh", "smaller initial weights (Xavier)",
            "batch normalization")),
    /** Held-out loss rises while the training loss falls. */
    OVERFITTING("overfitting", List.of("dropout", "a smaller network", "early stopping")),
    /** The loss falls, but slowly. */
    SLOW_CONVERGENCE("slow convergence", List.of("a larger learning rate", "momentum", "Adam", "batch normalization")),
    /**
     * The loss stopped improving while still above half its start: a plateau or a local
     * minimum (one run cannot tell which, nor whether another start would do better).
     */
    LOCAL_MINIMUM("stuck in a plateau or local minimum", List.of("momentum", "random restarts",
            "better initialization")),
    /** The loss became NaN or infinite. */
    DIVERGENCE("divergence (NaN/Inf loss)", List.of("a smaller learning rate", "gradient clipping",
            "batch normalization"));

    private final String label;
    private final List<String> remedies;

    Problem(String label, List<String> remedies) {
        this.label = label;
        this.remedies = remedies;
    }

    /**
     * A short human name ("vanishing gradients").
     *
     * @return a short human name ("vanishing gradients")
     */
    public String label() {
        return label;
    }

    /**
     * The notes' remedies, most usual first.
     *
     * @return the notes' remedies, most usual first
     */
    public List<String> remedies() {
        return remedies;
    }
}
