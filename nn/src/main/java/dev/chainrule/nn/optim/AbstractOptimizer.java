package dev.chainrule.nn.optim;

import dev.chainrule.nn.Parameter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every algorithm shares: groups, learning rates, the loop over parameters with
 * gradients, and turning the per-parameter typed state into a snapshot and back. An
 * algorithm supplies the update of one parameter as a plain function of arrays.
 *
 * @param <S> the concrete optimizer, so fluent setters return it
 * @param <P> the algorithm's per-parameter state
 */
abstract class AbstractOptimizer<S extends AbstractOptimizer<S, P>, P> implements Optimizer {
    private final String name;
    private final List<ParamGroup> groups;
    private final Parameter[] params;
    private final int[] groupOf;
    private final double[] groupLr;
    private final List<P> states;
    private double lr;

    AbstractOptimizer(String name, List<ParamGroup> groups, double defaultLr) {
        this.name = name;
        Objects.requireNonNull(groups, () -> name + ": parameter groups are null");
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(name + ": no parameter groups given");
        }
        this.groups = List.copyOf(groups);
        IdentityHashMap<Parameter, Integer> seen = new IdentityHashMap<>();
        List<Parameter> flat = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int j = 0; j < this.groups.size(); j++) {
            for (Parameter p : this.groups.get(j).parameters()) {
                Integer before = seen.put(p, j);
                if (before != null) {
                    throw new IllegalArgumentException(name + ": " + p + " appears twice (groups " + before + " and " + j
                            + "); each parameter may be optimized once");
                }
                flat.add(p);
                owner.add(j);
            }
        }
        this.params = flat.toArray(new Parameter[0]);
        this.groupOf = owner.stream().mapToInt(Integer::intValue).toArray();
        this.groupLr = new double[this.groups.size()];
        for (int j = 0; j < groupLr.length; j++) {
            groupLr[j] = this.groups.get(j).lr();
        }
        this.states = new ArrayList<>(params.length);
        for (int i = 0; i < params.length; i++) {
            states.add(null);
        }
        this.lr = defaultLr;
    }

    static List<ParamGroup> single(String name, List<? extends Parameter> params) {
        Objects.requireNonNull(params, () -> name + ": parameters are null");
        return List.of(ParamGroup.of(params));
    }

    @SuppressWarnings("unchecked")
    final S self() {
        return (S) this;
    }

    /**
     * Sets the learning rate of every group that has no rate of its own; returns this.
     *
     * @param lr the learning rate
     * @return this optimizer
     */
    public S lr(double lr) {
        this.lr = Hyper.nonNegative(name, "lr", lr);
        return self();
    }

    @Override
    public final double learningRate(int group) {
        checkGroup(group);
        return Double.isNaN(groupLr[group]) ? lr : groupLr[group];
    }

    @Override
    public final void setLearningRate(int group, double lr) {
        checkGroup(group);
        groupLr[group] = Hyper.nonNegative(name, "lr of group " + group, lr);
    }

    private void checkGroup(int group) {
        if (group < 0 || group >= groupLr.length) {
            throw new IndexOutOfBoundsException(name + ": group " + group + " does not exist; there are "
                    + groupLr.length);
        }
    }

    @Override
    public final List<ParamGroup> groups() {
        return groups;
    }

    @Override
    public final void step() {
        for (int i = 0; i < params.length; i++) {
            int k = i;
            double lr = learningRate(groupOf[i]);
            // no gradient: step() runs nothing, as PyTorch skips the parameter and leaves its state alone
            params[i].step((theta, g) -> states.set(k, update(states.get(k), theta, g, lr)));
        }
    }

    /**
     * Updates {@code theta} in place from {@code grad} with learning rate {@code lr}; returns
     * the parameter's new state ({@code state} is null before its first update).
     */
    abstract P update(P state, double[] theta, double[] grad, double lr);

    /** Writes one parameter's state under {@code prefix} (e.g. {@code "param.3."}). */
    abstract void save(P state, String prefix, Map<String, double[]> out);

    /** Reads one parameter's state from under {@code prefix}, or null when it has none yet. */
    abstract P load(String prefix, StateReader in, int size);

    @Override
    public final void zeroGrad() {
        for (Parameter p : params) {
            p.zeroGrad();
        }
    }

    @Override
    public final OptimizerState state() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int j = 0; j < groupLr.length; j++) {
            out.put("group." + j + ".lr", new double[] {learningRate(j)});
        }
        for (int i = 0; i < params.length; i++) {
            if (states.get(i) != null) {
                save(states.get(i), "param." + i + ".", out);
            }
        }
        return new OptimizerState(name, out);
    }

    @Override
    public final void loadState(OptimizerState state) {
        Objects.requireNonNull(state, () -> name + ".loadState: state is null");
        if (!state.algorithm().equals(name)) {
            throw new IllegalArgumentException(name + ".loadState: the state is from " + state.algorithm()
                    + ", not " + name);
        }
        // parse everything first, install only when all of it checked out
        StateReader in = new StateReader(name, state.entries());
        double[] lrs = new double[groupLr.length];
        for (int j = 0; j < lrs.length; j++) {
            lrs[j] = Hyper.nonNegative(name + ".loadState", "group." + j + ".lr", in.scalar("group." + j + ".lr"));
        }
        List<P> loaded = new ArrayList<>(params.length);
        for (int i = 0; i < params.length; i++) {
            loaded.add(load("param." + i + ".", in, params[i].size()));
        }
        in.checkAllRead();
        System.arraycopy(lrs, 0, groupLr, 0, lrs.length);
        for (int i = 0; i < params.length; i++) {
            states.set(i, loaded.get(i));
        }
    }

    /** The algorithm's name and its options. */
    @Override
    public String toString() {
        return name + "(lr=" + lr + options() + ", " + params.length + " parameters in " + groups.size() + " groups)";
    }

    abstract String options();
}
