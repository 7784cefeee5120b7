package dev.chainrule.nn.monitor;

import java.util.Objects;

/**
 * One problem a {@link Diagnosis} found, with the evidence (which layers, which numbers).
 *
 * @param problem  what is happening
 * @param evidence the measurements that show it
 */
public record Finding(Problem problem, String evidence) {
    /**
     * Checks the fields.
     *
     * @param problem what was found
     * @param evidence the numbers behind the finding, in words
     */
    public Finding {
        Objects.requireNonNull(problem, "Finding: problem is null");
        Objects.requireNonNull(evidence, "Finding: evidence is null");
    }

    /** {@code vanishing gradients: <evidence>; remedies: ...}. */
    @Override
    public String toString() {
        return problem.label() + ": " + evidence + "; remedies: " + String.join(", ", problem.remedies());
    }
}
