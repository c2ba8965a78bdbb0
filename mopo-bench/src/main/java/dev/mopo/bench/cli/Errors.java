package dev.mopo.bench.cli;

import picocli.CommandLine;

/**
 * Turns the errors users cause (bad arguments, bad files) into one clear line on stderr and exit
 * code 2, instead of a stack trace; anything else is a bug and keeps its stack trace.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof java.io.IOException
                || e instanceof java.io.UncheckedIOException) {
            commandLine.getErr().println(commandLine.getColorScheme().errorText("mopo: " + e.getMessage()));
            return 2;
        }
        throw e;
    }
}
