package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one backward driver for scalars and tensors. It orders the graph with an explicit
 * stack (never recursion, so a chain of millions of nodes works on the default thread
 * stack) and applies each node's chain-rule step in reverse topological order.
 *
 * <p>Threads: the engine keeps no global mutable state (version counters live on each
 * storage, visit marks are per pass, the capacity hint is per thread), so independent
 * graphs can run backward on any number of threads at once; one graph is for one thread.
 *
 * <p>Two paths share the ordering: the fast path ({@link #backward}) keeps gradients in the
 * nodes as plain numbers; the graph path ({@link #gradients}) returns gradients that are
 * themselves graph nodes, so they can be differentiated again.
 */
final class Engine {
    /**
     * Size of this thread's last ordering, a capacity hint. Per thread, like everything the
     * engine keeps: threads working on independent graphs share no mutable state here.
     */
    private static final ThreadLocal<int[]> LAST_ORDER_SIZE = ThreadLocal.withInitial(() -> new int[1]);
    /** Pass numbers are handed to threads in blocks, so passes never contend on one counter. */
    private static final int PASS_BLOCK = 1 << 16;
    private static final AtomicInteger PASS_BLOCKS = new AtomicInteger();
    /** This thread's next pass number and the end of its block. */
    private static final ThreadLocal<int[]> PASSES = ThreadLocal.withInitial(() -> new int[2]);

    private Engine() {
    }

    /**
     * Every node that {@code roots} depend on and that wants a gradient, inputs before the
     * nodes computed from them. Iterative depth-first post-order. A plain array rather than a
     * list: the passes below walk it several times and a 10^6-node chain makes it long.
     *
     * @throws IllegalStateException if a node on the way was released by an earlier pass
     */
    static Node[] order(Node... roots) {
        int mark = nextPass();
        int[] lastSize = LAST_ORDER_SIZE.get();
        // training repeats graphs of one size: start at the last size so there is no regrowth
        Node[] order = new Node[Math.max(16, lastSize[0])];
        int count = 0;
        Node[] stack = new Node[64];
        int[] next = new int[64];
        for (Node root : roots) {
            if (root.visitMark == mark || !root.requiresGrad) {
                continue;
            }
            int top = 0;
            stack[0] = root;
            next[0] = 0;
            root.visitMark = mark;
            while (top >= 0) {
                Node node = stack[top];
                Node[] in = node.inputs;
                int i = next[top];
                while (i < in.length) {
                    Node c = in[i];
                    if (c.visitMark != mark && c.requiresGrad) {
                        break;
                    }
                    i++;
                }
                if (i == in.length) {
                    if (node.released) {
                        throw releasedError(node);
                    }
                    // each node is finished once here: the place to catch inputs changed in place
                    if (node.inputsChanged()) {
                        throw modifiedError(node);
                    }
                    if (count == order.length) {
                        order = Arrays.copyOf(order, count * 2);
                    }
                    order[count++] = node;
                    top--;
                    continue;
                }
                next[top] = i + 1;
                Node child = in[i];
                child.visitMark = mark;
                if (++top == stack.length) {
                    stack = Arrays.copyOf(stack, top * 2);
                    next = Arrays.copyOf(next, top * 2);
                }
                stack[top] = child;
                next[top] = 0;
            }
        }
        lastSize[0] = count;
        return count == order.length ? order : Arrays.copyOf(order, count);
    }

    /**
     * A pass number no other pass of any thread has used (until the int wraps after 2^32
     * passes; a node would have to go unvisited for all of them to be confused). Blocks of
     * numbers come from one shared counter, once every 65,536 passes per thread.
     */
    private static int nextPass() {
        int[] pass = PASSES.get();
        if (pass[0] == pass[1]) {
            // block 0 is never handed out: 0 is the mark of a node no pass has visited
            int block = PASS_BLOCKS.incrementAndGet();
            pass[0] = block * PASS_BLOCK;
            pass[1] = pass[0] + PASS_BLOCK;
        }
        return pass[0]++;
    }

    /**
     * Fast path. The caller has seeded {@code root}'s gradient after this method cleared the
     * interior nodes; leaves accumulate, interior nodes start each pass from zero.
     *
     * @param seed sets the root's gradient once interior gradients are cleared
     */
    static void backward(Node root, Runnable seed, boolean retainGraph) {
        Node[] order = order(root);
        for (Node node : order) {
            if (!node.isLeaf()) {
                node.clearGrad();
            }
        }
        seed.run();
        try (var noGrad = GradMode.disabled()) {
            for (int k = order.length - 1; k >= 0; k--) {
                Node node = order[k];
                node.gradReady();
                if (!node.isLeaf()) {
                    node.propagate();
                }
            }
        }
        if (!retainGraph) {
            release(order);
        }
    }

    /**
     * Graph path: d(sum of roots[i] * seeds[i]) / d(node) for every node reached, as graph
     * nodes (recorded when grad mode is on). The map has no entry for nodes that get no
     * gradient.
     */
    static Map<Node, Node> gradients(Node[] roots, Node[] seeds, boolean retainGraph) {
        Node[] order = order(roots);
        Map<Node, Node> grads = new IdentityHashMap<>();
        for (int r = 0; r < roots.length; r++) {
            accumulate(grads, roots[r], seeds[r]);
        }
        for (int k = order.length - 1; k >= 0; k--) {
            Node node = order[k];
            Node g = grads.get(node);
            if (g == null) {
                continue;
            }
            Node hooked = node.whenComplete(g);
            if (hooked != g) {
                grads.put(node, hooked);
                g = hooked;
            }
            if (node.isLeaf()) {
                continue;
            }
            Node[] vjps = node.vjp(g);
            if (vjps.length != node.inputs.length) {
                throw new IllegalStateException(node.opName() + ": backward rule returned "
                        + vjps.length + " gradients for " + node.inputs.length + " inputs");
            }
            for (int i = 0; i < vjps.length; i++) {
                if (vjps[i] != null && node.inputs[i].requiresGrad) {
                    Anomaly.checkBackward(node, i, vjps[i]);
                    accumulate(grads, node.inputs[i], vjps[i]);
                }
            }
        }
        if (!retainGraph) {
            release(order);
        }
        return grads;
    }

    private static void accumulate(Map<Node, Node> grads, Node node, Node g) {
        grads.merge(node, g, node::addGrads);
    }

    private static IllegalStateException modifiedError(Node user) {
        StringBuilder changed = new StringBuilder();
        for (int i = 0; i < user.inputs.length; i++) {
            Node c = user.inputs[i];
            // versions start at 0, so an input still at 0 was never written
            if (user.readsInput(i) && c.version() > 0 && changed.indexOf(c.describe()) < 0) {
                changed.append(changed.length() == 0 ? "" : " or ").append(c.describe());
            }
        }
        return new IllegalStateException("backward: " + changed + " was changed in place (setData or update, as "
                + "optimizers and checkpoint loads do, possibly through a view or detach() sharing its storage) after "
                + user.describe() + user.origin() + " was computed from it, so its gradient would mix old and new "
                + "values. Run the forward pass again after changing parameters: zeroGrad, forward, backward, then step.");
    }

    private static IllegalStateException releasedError(Node node) {
        return new IllegalStateException("backward: trying to go through the graph a second "
                + "time, but " + node.describe() + node.origin() + " was released by an earlier "
                + "backward pass. Pass retainGraph = true to the first backward call if you "
                + "need to run backward through the same graph again.");
    }

    private static void release(Node[] order) {
        for (Node node : order) {
            if (!node.isLeaf()) {
                node.release();
            }
        }
    }
}
