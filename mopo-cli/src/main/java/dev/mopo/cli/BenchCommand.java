package dev.mopo.cli;

import picocli.CommandLine.Command;

/** {@code mopo bench}: the benchmark suites. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Run a benchmark suite and write its figures, tables and plots.",
        subcommands = {
            SyntheticCommand.class,
            DataBenchCommand.class,
            ModelLoadCommand.class,
            ModelSpeedCommand.class,
            TrainSpeedCommand.class,
            ScoringSpeedCommand.class,
            GenerateSpeedCommand.class
        })
final class BenchCommand {}
