package dev.chainrule.examples;

import dev.chainrule.autograd.DType;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options every training example takes. Each command creates this mixin with its own
 * defaults (the initial field values), which {@code --help} shows.
 */
final class TrainingOptions {
    /** The optimizers a command line can name. */
    enum OptimizerName {
        SGD, MOMENTUM, ADAM, ADAMW, RMSPROP;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training data (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--lr", paramLabel = "RATE", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--batch-size", paramLabel = "N", description = "samples per update (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", converter = OptimizerConverter.class,
            description = "sgd, momentum, adam, adamw or rmsprop (default: ${DEFAULT-VALUE})")
    OptimizerName optimizer;

    /** Learning-rate schedules over the epochs. */
    enum Schedule {
        CONSTANT, COSINE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--lr-schedule", paramLabel = "NAME", converter = ScheduleConverter.class,
            description = "constant, or cosine (anneals the rate to 0 over the epochs) (default: ${DEFAULT-VALUE})")
    Schedule schedule = Schedule.CONSTANT;

    @Option(names = "--seed", paramLabel = "N", description = "random seed: the same seed gives the same run (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--threads", paramLabel = "N", description = "threads for matrix products, set on the native BLAS "
            + "(the bundled OpenBLAS; a system BLAS whose thread count is fixed at more is passed over) "
            + "(default: ${DEFAULT-VALUE}, the cores available)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dtype", paramLabel = "TYPE", converter = DTypeConverter.class,
            description = "f32 or f64: the element type of the model's parameters and of the batches (tensor commands) "
                    + "(default: ${DEFAULT-VALUE})")
    DType dtype = DType.F64;

    @Option(names = "--save", paramLabel = "FILE", description = "write a checkpoint (model and optimizer) after training")
    Path save;

    @Option(names = "--resume", paramLabel = "FILE", description = "start from a checkpoint written with --save")
    Path resume;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "where plots go (default: ${DEFAULT-VALUE})")
    Path outDir = Path.of("chainrule-out");

    @Option(names = "--no-progress", description = "do not draw the progress bar")
    boolean noProgress;

    @Option(names = "--monitor", description = "watch gradient flow: show the diagnosis live beside the progress bar "
            + "and print it at the end (tensor commands; layers measured every 10th step, about 6 %% of the CPU time on digits)")
    boolean monitor;

    /** A mixin with the given command's defaults. */
    TrainingOptions(int epochs, double lr, int batchSize, OptimizerName optimizer) {
        this.epochs = epochs;
        this.lr = lr;
        this.batchSize = batchSize;
        this.optimizer = optimizer;
    }

    /** The same, with a learning-rate schedule. */
    TrainingOptions(int epochs, double lr, int batchSize, OptimizerName optimizer, Schedule schedule) {
        this(epochs, lr, batchSize, optimizer);
        this.schedule = schedule;
    }

    /** Rejects values no run can use, naming the option (a usage error, exit code 2). */
    void validate(CommandSpec spec) {
        if (epochs < 0) {
            throw new ParameterException(spec.commandLine(), "--epochs must be >= 0, got " + epochs);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new ParameterException(spec.commandLine(), "--lr must be a positive number, got " + lr);
        }
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be >= 1, got " + batchSize);
        }
        if (threads < 1 || threads > 256) {
            throw new ParameterException(spec.commandLine(), "--threads must be between 1 and 256, got " + threads);
        }
        if (resume != null && !java.nio.file.Files.isRegularFile(resume)) {
            throw new ParameterException(spec.commandLine(), "--resume " + resume + ": "
                    + (java.nio.file.Files.isDirectory(resume) ? "is a directory, not a checkpoint file" : "no such file"));
        }
        // the paths written after training are checked before it, with the system's reason
        OutputPaths.directoryProblem(outDir).ifPresent(why -> {
            throw new ParameterException(spec.commandLine(), "--out-dir " + outDir + ": cannot write there: " + why);
        });
        if (save != null) {
            OutputPaths.fileProblem(save).ifPresent(why -> {
                throw new ParameterException(spec.commandLine(), "--save " + save + ": cannot write it: " + why);
            });
        }
    }

    /**
     * Refuses {@code --monitor} (a usage error) for a command whose model the monitor cannot
     * watch: it attaches to an nn {@code Module}, and the scalar commands train a ScalarMLP of
     * Values. Refused rather than ignored, so that no one reads silence as "healthy".
     */
    void refuseMonitor(CommandSpec spec) {
        if (monitor) {
            throw new ParameterException(spec.commandLine(), "--monitor watches tensor models (an nn Module); this "
                    + "command trains a ScalarMLP of Values, which it cannot watch: use --monitor with digits, iris or "
                    + "fashion-mnist");
        }
    }

    /**
     * Refuses {@code --dtype f32} (a usage error) for a command that trains a ScalarMLP of
     * Values, which are float64 only; {@code --dtype f64} is what it does anyway.
     */
    void refuseFloat32(CommandSpec spec) {
        if (dtype != DType.F64) {
            throw new ParameterException(spec.commandLine(), "--dtype " + dtype + ": this command trains a ScalarMLP of "
                    + "Values, which are float64; use --dtype with digits, iris or fashion-mnist");
        }
    }

    /** {@code f32|f64|float32|float64} in any case, through {@link DType#parse}. */
    static final class DTypeConverter implements picocli.CommandLine.ITypeConverter<DType> {
        @Override
        public DType convert(String value) {
            try {
                return DType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a type; choose f32 or f64");
            }
        }
    }

    /** Accepts schedule names in any case. */
    static final class ScheduleConverter implements picocli.CommandLine.ITypeConverter<Schedule> {
        @Override
        public Schedule convert(String value) {
            try {
                return Schedule.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a schedule; choose constant or cosine");
            }
        }
    }

    /** Accepts optimizer names in any case. */
    static final class OptimizerConverter implements picocli.CommandLine.ITypeConverter<OptimizerName> {
        @Override
        public OptimizerName convert(String value) {
            try {
                return OptimizerName.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not an optimizer; choose sgd, momentum, adam, adamw or rmsprop");
            }
        }
    }
}
