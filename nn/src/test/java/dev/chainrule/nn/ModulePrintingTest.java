package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Module#toString()}: the tree with names and parameter counts, as PyTorch's module repr. */
class ModulePrintingTest {

    @Test
    void mlpPrintsItsLayersAndTheirParameterCounts() {
        MLP net = MLP.of(2, 16, 3);
        assertEquals(String.join("\n",
                "MLP[2, 16, 3], RELU/IDENTITY (99 parameters)",
                "  (layers): Sequential (99 parameters)",
                "    (0): Linear(2 -> 16) (48 parameters)",
                "    (1): Linear(16 -> 3) (51 parameters)"), net.toString());
        assertEquals(99, net.parameterCount());
    }

    @Test
    void nestedModulesWithoutParametersHaveNoCount() {
        SplittableRandom rng = new SplittableRandom(1);
        Sequential s = new Sequential(new Linear(4, 4, rng), new ActivationModule(Activation.TANH),
                new Residual(new Sequential(new Linear(4, 4, false), new Dropout(0.5, rng))));
        assertEquals(String.join("\n",
                "Sequential (36 parameters)",
                "  (0): Linear(4 -> 4) (20 parameters)",
                "  (1): TANH",
                "  (2): Residual (16 parameters)",
                "    (f): Sequential (16 parameters)",
                "      (0): Linear(4 -> 4, no bias) (16 parameters)",
                "      (1): Dropout(0.5)"), s.toString());
        assertEquals(List.of("0", "1", "2"), List.copyOf(s.namedChildren().keySet()));
    }

    @Test
    void mlpSettingsAndNormalizationChildrenAreShown() {
        MLP net = MLP.of(3, 3, 1).normalization(MLP.Normalization.LAYER_NORM).dropout(0.25);
        assertEquals(String.join("\n",
                "MLP[3, 3, 1], RELU/IDENTITY, dropout 0.25, LAYER_NORM (22 parameters)",
                "  (layers): Sequential (16 parameters)",
                "    (0): Linear(3 -> 3) (12 parameters)",
                "    (1): Linear(3 -> 1) (4 parameters)",
                "  (norms): Sequential (6 parameters)",
                "    (0): LayerNorm(3, eps 1.0E-5) (6 parameters)"), net.toString());
    }
}
