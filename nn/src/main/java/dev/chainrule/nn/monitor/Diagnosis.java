package dev.chainrule.nn.monitor;

import java.util.List;

/**
 * What a {@link GradientMonitor} concluded: the problems it found, each with evidence and
 * remedies; empty when training looks healthy.
 *
 * @param findings the problems, in the order of {@link Problem}
 */
public record Diagnosis(List<Finding> findings) {
    /**
     * Copies the list.
     *
     * @param findings the problems found, most severe first
     */
    public Diagnosis {
        findings = List.copyOf(findings);
    }

    /**
     * True when {@code p} is among the findings.
     *
     * @param p the problem
     * @return true when {@code p} is among the findings
     */
    public boolean names(Problem p) {
        return findings.stream().anyMatch(f -> f.problem() == p);
    }

    /**
     * True when nothing was found.
     *
     * @return true when nothing was found
     */
    public boolean healthy() {
        return findings.isEmpty();
    }

    /** One line per finding, or "no problems found". */
    @Override
    public String toString() {
        if (findings.isEmpty()) {
            return "no problems found";
        }
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            b.append(b.length() == 0 ? "" : "\n").append("- ").append(f);
        }
        return b.toString();
    }
}
