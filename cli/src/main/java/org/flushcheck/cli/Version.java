package org.flushcheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version, read from {@code version.properties}, which the build writes from the pom
 * (resource filtering): the pom is its one source, for {@code --version}, the JSON summary
 * and the launcher (which finds the jar through {@code cli/target/jar.txt}, also written
 * by the build).
 */
final class Version implements IVersionProvider {

    /** {@code 0.1.0-SNAPSHOT}. */
    static String number() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties", e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"flushcheck " + number()};
    }
}
