package org.attune.server.importing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.attune.server.cli.AttuneCommand;
import picocli.CommandLine;

/**
 * One in-process run of the {@code attune} command line, as a user would type it, with what
 * it wrote to stderr.
 *
 * @param exitCode the exit status
 * @param stderr progress, summary and errors
 */
record CommandRun(int exitCode, String stderr) {

    static CommandRun of(String... args) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new AttuneCommand());
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new CommandRun(exit, err.toString());
    }

    /** The same command against a running server with its admin key. */
    static CommandRun against(String url, String key, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--url";
        all[1] = url;
        all[2] = "--key";
        all[3] = key;
        System.arraycopy(args, 0, all, 4, args.length);
        String[] withCommand = new String[all.length + 1];
        withCommand[0] = "import";
        System.arraycopy(all, 0, withCommand, 1, all.length);
        return of(withCommand);
    }
}
