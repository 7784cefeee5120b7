package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Parameter;
import org.junit.jupiter.api.Test;

/** The schedules against PyTorch's closed forms, for two groups with different base rates. */
class LrSchedulerTest {
    static SGD twoGroups() {
        return SGD.of(ParamGroup.of(Parameter.of(Tensor.of(new double[] {0}, 1))),
                ParamGroup.of(Parameter.of(Tensor.of(new double[] {0}, 1))).lr(1.0)).lr(0.1);
    }

    @Test
    void stepDecaysEveryStepSizeEpochs() {
        SGD opt = twoGroups();
        StepLR s = new StepLR(opt, 3, 0.5);
        double[] expected0 = {0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025};
        for (int e = 1; e <= 7; e++) {
            s.step();
            assertEquals(expected0[e - 1], opt.learningRate(0), 1e-15, "epoch " + e);
            assertEquals(expected0[e - 1] * 10, opt.learningRate(1), 1e-14, "epoch " + e);
        }
        assertEquals(7, s.epoch());
    }

    @Test
    void exponential() {
        SGD opt = twoGroups();
        ExponentialLR s = new ExponentialLR(opt, 0.9);
        double lr = 0.1;
        for (int e = 1; e <= 20; e++) {
            s.step();
            lr *= 0.9;
            assertEquals(lr, opt.learningRate(0), 1e-15);
            assertEquals(lr, s.lastLr(0), 1e-15);
        }
    }

    @Test
    void cosineAnnealing() {
        SGD opt = twoGroups();
        CosineAnnealingLR s = new CosineAnnealingLR(opt, 10, 0.001);
        for (int e = 1; e <= 10; e++) {
            s.step();
            assertEquals(0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * e / 10)) / 2, opt.learningRate(0), 1e-15);
        }
        assertEquals(0.001, opt.learningRate(0), 1e-15);
        assertEquals(0.001, opt.learningRate(1), 1e-15);
    }
}
