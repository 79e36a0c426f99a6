package dev.baton.cli;

import picocli.CommandLine;

/** The version printed by {@code baton --version}: the jar's, or "dev" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        // the format baton init makes, and the formats it reads and writes on boards made in them
        return new String[] {"baton " + (v == null ? "dev" : v) + ", board format "
                + dev.baton.store.BoardLayout.FORMAT_VERSION + " (reads " + dev.baton.store.BoardLayout.readableFormats()
                + ")"};
    }
}
