package org.attune.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code attune}: the entry point of attune-server.jar. */
@Command(name = "attune", mixinStandardHelpOptions = true, versionProvider = AttuneCommand.Version.class,
        description = "Attune: self-hosted behavioral recommendation and personalization engine.",
        subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, ModelsCommand.class,
                ReportsCommand.class,
                EvaluateCommand.class,
                CommandLine.HelpCommand.class})
public final class AttuneCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = new CommandLine(new AttuneCommand()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AttuneCommand.class.getPackage().getImplementationVersion();
            return new String[] {"attune " + (version == null ? "development" : version)};
        }
    }
}
