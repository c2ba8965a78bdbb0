package dev.mopo.bench.eval;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The work logs of an evaluation folder, each written as it goes, so that a stage is never done
 * twice: {@code responses.jsonl} (generated responses), {@code scores/SCORER.jsonl} (one scorer's
 * scores each) and {@code samples.jsonl} (responses every scorer has scored, with all their scores).
 */
final class EvalLogs implements Closeable {

    static final String RESPONSES = "responses.jsonl";
    static final String SAMPLES = "samples.jsonl";
    static final String SCORES = "scores";

    private final Path folder;
    private final List<String> scorers;
    private final JsonLines<Generated> responseLog;
    private final Map<String, JsonLines<Scored>> scoreLogs = new LinkedHashMap<>();
    private final JsonLines<Sample> sampleLog;
    private final Map<SampleKey, Generated> responses = new HashMap<>();
    private final Map<String, Map<SampleKey, Scored>> scores = new HashMap<>();
    private final Set<SampleKey> samples = new HashSet<>();

    private EvalLogs(Path folder, List<String> scorers) throws IOException {
        this.folder = folder;
        this.scorers = List.copyOf(scorers);
        this.responseLog = JsonLines.open(folder.resolve(RESPONSES), Generated.class);
        responseLog.existing().forEach(r -> responses.put(r.key(), r));
        for (String scorer : scorers) {
            JsonLines<Scored> log = JsonLines.open(folder.resolve(SCORES).resolve(scorer + ".jsonl"), Scored.class);
            scoreLogs.put(scorer, log);
            Map<SampleKey, Scored> byKey = new HashMap<>();
            log.existing().forEach(s -> byKey.put(s.key(), s));
            scores.put(scorer, byKey);
        }
        this.sampleLog = JsonLines.open(folder.resolve(SAMPLES), Sample.class);
        sampleLog.existing().forEach(s -> samples.add(s.key()));
    }

    /** The names of the scorers that have scored a response in {@code folder}. */
    static Set<String> startedScorers(Path folder) throws IOException {
        Set<String> started = new HashSet<>();
        Path scores = folder.resolve(SCORES);
        if (Files.isDirectory(scores)) {
            try (Stream<Path> files = Files.list(scores)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".jsonl") && !JsonLines.read(file, Scored.class).isEmpty()) {
                        started.add(name.substring(0, name.length() - ".jsonl".length()));
                    }
                }
            }
        }
        return started;
    }

    /** Opens the logs of {@code folder} for the scorers named {@code scorers}, in order. */
    static EvalLogs open(Path folder, List<String> scorers) throws IOException {
        EvalLogs logs = new EvalLogs(folder, scorers);
        try {
            for (Generated response : logs.responses.values()) {
                logs.joinIfComplete(response.key());
            }
            return logs;
        } catch (RuntimeException e) {
            logs.close();
            throw e;
        }
    }

    /** The generated response of {@code key}, or null. */
    Generated response(SampleKey key) {
        return responses.get(key);
    }

    /** Records a generated response. */
    void addResponse(Generated response) {
        responseLog.append(response);
        responses.put(response.key(), response);
    }

    /** Whether {@code scorer} has scored {@code key}. */
    boolean scored(String scorer, SampleKey key) {
        return scores.get(scorer).containsKey(key);
    }

    /** Records a scorer's scores, and the sample when every scorer has now scored it. */
    void addScores(String scorer, Scored scored) {
        scoreLogs.get(scorer).append(scored);
        scores.get(scorer).put(scored.key(), scored);
        joinIfComplete(scored.key());
    }

    /** The number of finished samples in the folder. */
    int samples() {
        return samples.size();
    }

    /** The samples file. */
    Path samplesFile() {
        return folder.resolve(SAMPLES);
    }

    private void joinIfComplete(SampleKey key) {
        if (samples.contains(key)) {
            return;
        }
        Map<String, Double> all = new LinkedHashMap<>();
        Map<String, String> scoredBy = new HashMap<>();
        for (String scorer : scorers) {
            Scored scored = scores.get(scorer).get(key);
            if (scored == null) {
                return;
            }
            for (Map.Entry<String, Double> score : scored.scores().entrySet()) {
                String earlier = scoredBy.putIfAbsent(score.getKey(), scorer);
                if (earlier != null) {
                    throw new IllegalArgumentException("scorers '" + earlier + "' and '" + scorer + "' both score the"
                            + " objective '" + score.getKey() + "'; name one of them differently (NAME=...)");
                }
                all.put(score.getKey(), score.getValue());
            }
        }
        Generated response = responses.get(key);
        sampleLog.append(new Sample(key.policy(), key.prompt(), key.sample(), response.prompt(), response.response(),
                all));
        samples.add(key);
    }

    @Override
    public void close() throws IOException {
        responseLog.close();
        for (JsonLines<Scored> log : scoreLogs.values()) {
            log.close();
        }
        sampleLog.close();
    }
}
