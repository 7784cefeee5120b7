package dev.chainrule.examples;

import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.data.Idx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chainrule fashion-mnist}: a tensor MLP on Fashion-MNIST's IDX files. */
@Command(name = "fashion-mnist", mixinStandardHelpOptions = true,
        description = {"Train a tensor MLP (784-256-128-10, relu) on Fashion-MNIST (60,000 training and 10,000 "
                + "test images of clothes) and report test accuracy.",
            "The IDX files come from Debian's package dataset-fashion-mnist (apt-get install dataset-fashion-mnist), "
                + "or any directory holding the four standard files, gzip'd or not."})
final class FashionMnistCommand implements Callable<Integer> {
    /** Where Debian's dataset-fashion-mnist package puts the files. */
    static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The four IDX files, without the optional .gz. */
    static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    /** The ten classes in label order. */
    static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final int[] SIZES = {784, 256, 128, 10};

    @Spec
    CommandSpec spec;

    @ParentCommand
    Chainrule root;

    /**
     * 6 epochs of batch 256 at Adam 3e-3 (cosine): picked on a validation split of the training
     * images (the first 50,000 trained on, the last 10,000 measured; never the test set) as the
     * most accurate of the settings tried whose training stays well under 15 s (BENCHMARKS.md).
     */
    @Mixin
    TrainingOptions training = new TrainingOptions(6, 3e-3, 256, TrainingOptions.OptimizerName.ADAM,
            TrainingOptions.Schedule.COSINE);

    @Option(names = "--data", paramLabel = "DIR", description = "directory of the IDX files (default: ${DEFAULT-VALUE})")
    Path data = DEBIAN_DIR;

    @Option(names = "--limit", paramLabel = "N", description = "train on the first N training images only "
            + "(default: all)")
    Integer limit;

    @Override
    public Integer call() {
        training.validate(spec);
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be >= 1, got " + limit);
        }
        Path[] files = locate();
        Dataset train = Idx.load(files[0], files[1]);
        Dataset test = Idx.load(files[2], files[3]);
        if (limit != null && limit < train.size()) {
            int[] first = new int[limit];
            Arrays.setAll(first, i -> i);
            train = train.subset(first);
        }
        ClassifierRun.run("fashion-mnist", SIZES, train, test, training, root.console(spec), spec.commandLine().getOut());
        return 0;
    }

    /** The four files (each plain or .gz), or a usage error naming what is missing and the package. */
    private Path[] locate() {
        Path[] found = new Path[FILES.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < found.length; i++) {
            Path gz = data.resolve(FILES.get(i) + ".gz"), plain = data.resolve(FILES.get(i));
            found[i] = Files.isRegularFile(gz) ? gz : Files.isRegularFile(plain) ? plain : null;
            if (found[i] == null) {
                missing.add(FILES.get(i) + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Fashion-MNIST is not in " + data + " (missing "
                    + String.join(", ", missing) + "): apt-get install dataset-fashion-mnist puts it in " + DEBIAN_DIR
                    + ", or pass --data DIR with the four IDX files");
        }
        return found;
    }
}
