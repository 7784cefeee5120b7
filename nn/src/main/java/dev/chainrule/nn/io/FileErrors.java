package dev.chainrule.nn.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Messages for a path that cannot be read or written, saying why in words ("no such file"). */
final class FileErrors {
    private FileErrors() {
    }

    /** Throws {@link UncheckedIOException} unless {@code path} is an existing regular file. */
    static void requireReadableFile(String op, Path path) {
        if (Files.isDirectory(path)) {
            throw new UncheckedIOException(op + ": " + path + " is a directory, not a file",
                    new IOException(path + ": is a directory"));
        }
        if (!Files.exists(path)) {
            throw new UncheckedIOException(op + ": cannot read " + path + ": no such file",
                    new NoSuchFileException(path.toString()));
        }
    }

    static UncheckedIOException cannotRead(String op, Path path, IOException e) {
        return new UncheckedIOException(op + ": cannot read " + path + ": " + reason(e), e);
    }

    static UncheckedIOException cannotWrite(String op, Path path, IOException e) {
        return new UncheckedIOException(op + ": cannot write " + path + ": " + reason(e), e);
    }

    /** Why, in words: the JDK's file exceptions carry only the path as their message. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
