package org.flushcheck.cli;

import java.nio.file.Path;

/**
 * The repository the CLI runs from ({@code -Dflushcheck.home}, set by the launcher; else
 * the working directory): where {@code scenarios/} and {@code findings/} live, and what
 * the paths in generated findings are relative to, so they read the same on any machine.
 */
final class Home {

    private Home() {
    }

    static Path dir() {
        return Path.of(System.getProperty("flushcheck.home", "")).toAbsolutePath().normalize();
    }

    static Path path(String name) {
        return dir().resolve(name);
    }

    /** {@code file} relative to the repository when inside it, else as given. */
    static String relative(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(dir()) ? dir().relativize(abs).toString() : file.toString();
    }
}
