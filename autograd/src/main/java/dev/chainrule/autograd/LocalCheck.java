package dev.chainrule.autograd;

/**
 * Node-level diagnosis for {@link GradCheck}: re-checks each node's own local derivative
 * (both the plain-number form and the graph form used for higher order) against finite
 * differences of that node's forward alone, in evaluation order, and names the first that
 * disagrees. A composed expression's gradient can only be wrong where one of these is.
 */
final class LocalCheck {
    private LocalCheck() {
    }

    static GradCheck.BadNode firstBad(Value out, GradCheck settings) {
        Node[] order = Engine.order(out);
        double h = settings.stepSize();
        try (var off = GradMode.disabled()) {
            for (int p = 0; p < order.length; p++) {
                Value node = (Value) order[p];
                if (node.isLeaf()) {
                    continue;
                }
                ScalarOp op = node.scalarOp();
                double[] in = new double[node.inputs.length];
                for (int i = 0; i < in.length; i++) {
                    in[i] = node.in(i).data();
                }
                for (int i = 0; i < in.length; i++) {
                    if (!node.inputs[i].requiresGrad) {
                        continue;
                    }
                    double saved = in[i];
                    in[i] = saved + h;
                    double up = node.forwardAt(in);
                    in[i] = saved - h;
                    double down = node.forwardAt(in);
                    in[i] = saved;
                    double numeric = (up - down) / (2 * h);
                    double plain = op.partial(node, i);
                    double graph = op.vjp(node, i, Value.constant(1)).data();
                    for (double analytic : new double[] {plain, graph}) {
                        if (!settings.entry(node.opName(), i, analytic, numeric).ok()) {
                            return new GradCheck.BadNode(p, node.opName(), i, node.describe(), analytic, numeric);
                        }
                    }
                }
            }
        }
        return null;
    }
}
