package dev.mopo.cli;

import dev.mopo.bench.eval.PromptSplit;
import dev.mopo.core.Choice;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.djl.train.config.EstimatorKind;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.LrSchedule;
import dev.mopo.djl.train.config.Precision;
import dev.mopo.djl.train.config.PreferenceValueSource;
import dev.mopo.djl.train.config.ReferenceMode;
import picocli.CommandLine;

/** Flag values of the settings users name by key ({@code --loss mopo-fixed}), through {@link Choice}. */
final class ChoiceConverters {

    private ChoiceConverters() {}

    /** Registers a converter for every choice type on {@code commandLine} and its subcommands. */
    static void registerAll(CommandLine commandLine) {
        register(commandLine, LossKind.class);
        register(commandLine, EstimatorKind.class);
        register(commandLine, LrSchedule.class);
        register(commandLine, ReferenceMode.class);
        register(commandLine, LogProbReduction.class);
        register(commandLine, TemplateChoice.class);
        register(commandLine, PromptSplit.class);
        register(commandLine, PreferenceValueSource.class);
        commandLine.registerConverter(Precision.class, key -> Precision.of("precision", key));
    }

    private static <E extends Enum<E> & Choice> void register(CommandLine commandLine, Class<E> type) {
        commandLine.registerConverter(type, key -> Choice.of(type, "value", key));
    }
}
