package dev.mopo.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One {@code mopo} command run in-process, its standard output and error captured.
 *
 * @param status the exit status
 * @param out what it printed to standard output
 * @param err what picocli printed to its error stream
 */
record CommandRun(int status, String out, String err) {

    /** Runs {@code mopo args…}. */
    static CommandRun of(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int status;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            CommandLine commandLine = MopoCommand.commandLine();
            commandLine.setErr(new PrintWriter(err));
            status = commandLine.execute(args);
        } finally {
            System.setOut(original);
        }
        return new CommandRun(status, printed.toString(StandardCharsets.UTF_8), err.toString());
    }
}
