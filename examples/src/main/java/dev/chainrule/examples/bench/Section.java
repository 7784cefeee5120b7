package dev.chainrule.examples.bench;

/** One benchmark section: a name on the command line and the measurements it prints. */
interface Section {
    /** The name used with {@code --sections}. */
    String name();

    /** Measures and emits one record per measurement through {@link Settings#emit(Json)}. */
    void run(Settings settings) throws Exception;
}
