package dev.mopo.cli;

import picocli.CommandLine.Command;

/** {@code mopo model}: inspect and run a Hugging Face checkpoint folder. */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = "Inspect and run a Hugging Face causal LM or reward model folder (config.json, safetensors,"
                + " tokenizer.json).",
        subcommands = {ModelInfoCommand.class, ModelLogitsCommand.class, ModelGenerateCommand.class, ModelScoreCommand.class})
final class ModelCommand {}
