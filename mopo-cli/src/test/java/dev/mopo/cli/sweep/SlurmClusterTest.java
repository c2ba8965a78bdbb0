package dev.mopo.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mopo.cli.MopoCommand;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mopo sweep --executor slurm} against a real single-node SLURM cluster that the test starts on
 * this machine (munged, slurmctld and slurmd of Debian's {@code munge} and {@code slurm-wlm}, run as
 * root, configured in a temporary folder and bound to localhost): the front report of a sweep of three
 * runs, trained and evaluated (in two shards) by SLURM jobs, equals the local executor's. Skipped where
 * the daemons are not installed.
 */
class SlurmClusterTest {

    private static final List<String> DAEMONS = List.of("munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo");
    private static final long WAIT_SECONDS = 170;

    @TempDir
    Path dir;

    private final List<Process> daemons = new ArrayList<>();
    private Path conf;

    @Test
    void aSweepOnSlurmWritesTheFrontReportOfTheLocalExecutor() throws Exception {
        List<String> missing = DAEMONS.stream().filter(command -> find(command) == null).toList();
        assumeTrue(missing.isEmpty(), "SLURM is not installed here (missing " + missing + "): install the Debian"
                + " packages with `apt-get install slurm-wlm munge` to run this test");
        assumeTrue("root".equals(System.getProperty("user.name")), "the SLURM test starts slurmd, which must run as"
                + " root: run the tests as root (as CI does) to run it");
        startCluster();
        TestSweeps.base(dir, 2, "");
        Path slurmFile = sweepFile("slurm", 2);
        Path localFile = sweepFile("local", 1);

        String submitted = mopo("sweep", "--sweep", slurmFile.toString(), "--executor", "slurm");
        assertTrue(submitted.contains("submitted train job") && submitted.contains("submitted report job"), submitted);
        assertEquals(0, MopoCommand.commandLine().execute("sweep", "--sweep", localFile.toString()));
        Path slurmOut = dir.resolve("slurm");
        Path localOut = dir.resolve("local");
        waitForTheQueue(slurmOut);

        String status = mopo("sweep", "status", "--sweep", slurmFile.toString());
        assertTrue(status.contains("6 tasks: 6 done"), status + logs(slurmOut));
        assertEquals(Files.readString(localOut.resolve("summary.csv")),
                Files.readString(slurmOut.resolve("summary.csv")));
        assertEquals(Files.readString(localOut.resolve("summary.json")),
                Files.readString(slurmOut.resolve("summary.json")).replace(slurmOut.toString(), localOut.toString()));
        assertTrue(Files.readString(slurmOut.resolve("slurm").resolve("logs").resolve("train-dpo-seed3.log"))
                .contains("train/dpo-seed3: trains from the start"));

        String again = mopo("sweep", "--sweep", slurmFile.toString(), "--executor", "slurm");
        assertTrue(again.contains("0 of 3 runs to train, 0 of 2 evaluation shards to run; the report is written"),
                again);
    }

    /** Writes munge's key and slurm.conf, starts munged, slurmctld and slurmd, and waits for the node to be idle. */
    private void startCluster() throws Exception {
        Path run = Files.createDirectories(dir.resolve("cluster"));
        for (String folder : List.of("state", "spool", "log")) {
            Files.createDirectories(run.resolve(folder));
        }
        byte[] key = new byte[1024];
        new SecureRandom().nextBytes(key);
        Path keyFile = Files.write(run.resolve("munge.key"), key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Path socket = run.resolve("munge.socket");
        start(run, "munged", find("munged"), "--foreground", "--force", "--key-file=" + keyFile, "--socket=" + socket,
                "--pid-file=" + run.resolve("munged.pid"), "--log-file=" + run.resolve("log/munged.log"),
                "--seed-file=" + run.resolve("munged.seed"));
        long memoryMb = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / 2 / (1 << 20);
        conf = Files.writeString(run.resolve("slurm.conf"), String.join("\n",
                "ClusterName=mopotest", "SlurmctldHost=localhost", "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(), "AuthType=auth/munge", "CredType=cred/munge", "AuthInfo=socket=" + socket,
                "SlurmUser=root", "SlurmdUser=root", "StateSaveLocation=" + run.resolve("state"),
                "SlurmdSpoolDir=" + run.resolve("spool"), "SlurmctldPidFile=" + run.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + run.resolve("slurmd.pid"), "SlurmctldLogFile=" + run.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + run.resolve("log/slurmd.log"), "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none", "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none", "JobCompType=jobcomp/none", "MpiDefault=none",
                "SwitchType=switch/none", "SchedulerType=sched/backfill", "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU", "ReturnToService=2", "MinJobAge=600", "KillWait=5",
                "NodeName=localhost NodeAddr=127.0.0.1 CPUs=" + Runtime.getRuntime().availableProcessors()
                        + " RealMemory=" + memoryMb + " State=UNKNOWN",
                "PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP") + "\n");
        start(run, "slurmctld", find("slurmctld"), "-D", "-f", conf.toString());
        start(run, "slurmd", find("slurmd"), "-D", "-N", "localhost", "-f", conf.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String state = "";
        while (System.nanoTime() < deadline) {
            state = command(List.of(find("sinfo"), "-h", "-o", "%T")).strip();
            if (state.equals("idle")) {
                return;
            }
            Thread.sleep(500);
        }
        fail("the test cluster's node is '" + state + "', not idle, after 60 s" + daemonLogs(run));
    }

    private void start(Path run, String name, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(run.resolve("log").resolve(name + ".out").toFile()).start();
        daemons.add(process);
    }

    @AfterEach
    void stopCluster() throws Exception {
        if (conf != null) {
            command(List.of(find("scancel"), "--user=root"));
        }
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process daemon = daemons.get(i);
            daemon.destroy();
            if (!daemon.waitFor(15, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor();
            }
        }
    }

    /** Waits until the cluster has run every job (fails after {@link #WAIT_SECONDS} with the logs). */
    private void waitForTheQueue(Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (command(List.of(find("squeue"), "-h")).isBlank()) {
                return;
            }
            Thread.sleep(1000);
        }
        fail("the sweep's jobs are still queued after " + WAIT_SECONDS + " s" + logs(out));
    }

    /** A sweep of three runs writing to {@code DIR/NAME}, evaluated in {@code shards} shards. */
    private Path sweepFile(String name, int shards) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), "base: base.yaml\nmethods:\n"
                + "  - loss: mopo\n    thresholds: [{harmless: 0.6}, {harmless: 0.7}]\n  - loss: dpo\n"
                + "seeds: [3]\neval_shards: " + shards + "\nevaluation:\n  max_prompts: 3\n  max_new_tokens: 4\n"
                + "  temperature: 1\n  scorers: [\"java:concise\"]\nslurm:\n  cpus: 1\n  time: \"00:10:00\"\n");
    }

    /** Runs mopo in a new JVM that sees the test cluster; its output (it must succeed). */
    private String mopo(String... args) throws Exception {
        ProcessBuilder builder = TestSweeps.mopo(args);
        builder.environment().put("SLURM_CONF", conf.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", args) + ":\n" + output);
        return output;
    }

    /** A command's standard output, with the test cluster's configuration. */
    private String command(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SLURM_CONF", conf.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    /** The executable {@code name} in the PATH or in /usr/sbin (where Debian puts the daemons), or null. */
    private static String find(String name) {
        List<String> folders = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        folders.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin"));
        for (String folder : folders) {
            Path file = Path.of(folder.isEmpty() ? "." : folder, name);
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return file.toString();
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The task logs of a sweep, for a failure's message. */
    private String logs(Path out) throws IOException {
        Path logs = out.resolve("slurm").resolve("logs");
        return (Files.isDirectory(logs) ? contents(logs) : "\n(no task logs)") + daemonLogs(dir.resolve("cluster"));
    }

    private static String daemonLogs(Path run) throws IOException {
        return contents(run.resolve("log"));
    }

    private static String contents(Path folder) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String content = Files.readString(file);
                text.append("\n--- ").append(file).append(":\n")
                        .append(content.substring(Math.max(0, content.length() - 3000)));
            }
        }
        return text.toString();
    }
}
