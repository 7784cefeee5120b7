package dev.chainrule.examples;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Checks, before any work starts, that the places a command will write to can be written,
 * so a run does not fail after minutes of training. Each check does what the write will do
 * (creates the directory, creates a file in it) and reports the operating system's reason
 * when that fails.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Creates {@code dir} and its parents when missing, then creates and deletes a file in it.
     *
     * @param dir the directory a command will write files into
     * @return why files cannot be written there, or empty when they can
     */
    public static Optional<String> directoryProblem(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            return Optional.of(dir + " exists and is not a directory");
        } catch (IOException | SecurityException e) {
            return Optional.of(reason(e));
        }
        try {
            Files.delete(Files.createTempFile(dir, ".chainrule-", ".probe"));
        } catch (IOException | SecurityException e) {
            return Optional.of(reason(e));
        }
        return Optional.empty();
    }

    /**
     * Checks that {@code file} can be written: its directory as {@link #directoryProblem}, and
     * an existing file opened for writing (without changing it).
     *
     * @param file the file a command will write
     * @return why it cannot be written, or empty when it can
     */
    public static Optional<String> fileProblem(Path file) {
        if (Files.isDirectory(file)) {
            return Optional.of(file + " is a directory");
        }
        Path parent = file.toAbsolutePath().getParent();
        Optional<String> dir = parent == null ? Optional.empty() : directoryProblem(parent);
        if (dir.isPresent() || !Files.exists(file)) {
            return dir;
        }
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of(reason(e));
        }
    }

    /**
     * The operating system's reason for a failed file operation, with the path it concerns:
     * {@code "/a/b: Not a directory"}. Java leaves the reason out of some exceptions' messages
     * (an {@link AccessDeniedException}'s message is only the path); those get a reason by type.
     *
     * @param e the failure
     * @return one line
     */
    public static String reason(Exception e) {
        if (e instanceof FileSystemException f) {
            String why = f.getReason();
            if (why == null) {
                why = e instanceof AccessDeniedException ? "Permission denied"
                        : e instanceof NoSuchFileException ? "No such file or directory"
                        : e instanceof NotDirectoryException ? "Not a directory"
                        : e instanceof FileAlreadyExistsException ? "File exists"
                        : e.getClass().getSimpleName();
            }
            return (f.getFile() == null ? "" : f.getFile() + ": ") + why
                    + (f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")");
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
