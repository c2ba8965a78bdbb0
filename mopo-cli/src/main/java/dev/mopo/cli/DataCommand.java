package dev.mopo.cli;

import picocli.CommandLine.Command;

/** {@code mopo data}: look at a preference corpus before training on it. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Inspect a multi-objective preference corpus (Parquet, Arrow, save_to_disk, JSONL, JSONL.gz).",
        subcommands = {DataInspectCommand.class})
final class DataCommand {}
