package dev.mopo.cli.train;

import dev.mopo.djl.train.EvalRecord;
import dev.mopo.djl.train.StepRecord;
import dev.mopo.djl.train.TrainingListener;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Training on the console. On a terminal, progress bars ({@link TerminalBars}); in a log file or
 * CI, one plain line every {@code logging_steps} steps ({@link LogLines}) instead of bars redrawn
 * with carriage returns. Warnings, evaluations and checkpoints are plain lines either way; the
 * multiplier is written {@code λ} where the output's charset has it, else {@code lambda}.
 */
public abstract class ConsoleProgress implements TrainingListener, AutoCloseable {

    private final String lambda;
    /** Where everything goes: standard error, so that standard output carries only results. */
    protected final PrintStream out = System.err;

    ConsoleProgress() {
        Charset charset = Charset.forName(System.getProperty("stderr.encoding",
                System.getProperty("sun.stderr.encoding", Charset.defaultCharset().name())));
        this.lambda = charset.newEncoder().canEncode('λ') ? "λ" : "lambda";
    }

    /** Bars on a terminal, else a line every {@code loggingSteps} steps. */
    public static ConsoleProgress create(int loggingSteps) {
        return System.console() != null ? new TerminalBars() : new LogLines(loggingSteps);
    }

    /** The step's loss and multipliers, as a progress message. */
    protected String summary(StepRecord record) {
        StringBuilder message = new StringBuilder();
        if (Double.isFinite(record.loss())) {
            message.append(String.format(Locale.ROOT, "loss %.4f", record.loss()));
        } else if (record.skipped()) {
            message.append("skipped");
        }
        if (record.dual() != null) {
            record.dual().lambdas().forEach((name, value) ->
                    message.append(String.format(Locale.ROOT, " %s[%s] %.3f", lambda, name, value)));
        }
        return message.toString();
    }

    @Override
    public void onEvaluation(EvalRecord record) {
        StringBuilder line = new StringBuilder("eval at step " + record.step() + ": pairs=" + record.pairs());
        line.append(String.format(Locale.ROOT, " loss=%.4g", record.loss()));
        record.lossMetrics().forEach((name, value) -> line.append(String.format(Locale.ROOT, " %s=%.4g", name, value)));
        record.winRates().forEach((name, value) ->
                line.append(String.format(Locale.ROOT, " win_rate/%s=%.4g", name, value)));
        line.append(String.format(Locale.ROOT, " ess=%.4g", record.ess()));
        println(line.toString());
    }

    @Override
    public void onCheckpoint(Path folder) {
        println("checkpoint written: " + folder);
    }

    @Override
    public void onWarning(String message) {
        println("warning: " + message);
    }

    /** A line of its own. */
    protected abstract void println(String line);

    @Override
    public abstract void close();
}
