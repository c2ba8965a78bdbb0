package dev.mopo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns the errors users cause (bad arguments, bad or missing files) into one clear line on
 * stderr and exit code 2, instead of a stack trace or a page of usage; anything else is a bug and
 * keeps its trace.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    /** A flag picocli could not parse: its message, the closest flags when it was unknown, and where help is. */
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getColorScheme().errorText("mopo: " + e.getMessage()));
        if (e instanceof CommandLine.UnmatchedArgumentException) {
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        }
        err.println("see '" + commandLine.getCommandSpec().qualifiedName() + " --help'");
        return 2;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
        if (cause instanceof IllegalArgumentException || cause instanceof IOException) {
            commandLine.getErr().println(commandLine.getColorScheme().errorText("mopo: " + describe(cause)));
            return 2;
        }
        throw e;
    }

    /** The message, with file-system errors spelled out (their own message is only the path). */
    static String describe(Throwable error) {
        if (error instanceof NoSuchFileException) {
            return ((FileSystemException) error).getFile() + ": no such file or folder";
        }
        if (error instanceof AccessDeniedException) {
            return ((FileSystemException) error).getFile() + ": permission denied";
        }
        if (error instanceof FileSystemException) {
            FileSystemException fse = (FileSystemException) error;
            return fse.getFile() + ": " + (fse.getReason() == null ? fse.getClass().getSimpleName() : fse.getReason());
        }
        return error.getMessage();
    }
}
