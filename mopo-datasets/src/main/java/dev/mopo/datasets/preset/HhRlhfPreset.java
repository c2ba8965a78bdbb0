package dev.mopo.datasets.preset;

import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.core.objective.Outcome;
import dev.mopo.datasets.example.ChatMessage;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import dev.mopo.datasets.source.ColumnKind;
import dev.mopo.datasets.source.Record;
import dev.mopo.datasets.source.SourceRow;
import dev.mopo.datasets.template.TemplateChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Anthropic/hh-rlhf: {@code chosen} (a) and {@code rejected} (b) are whole transcripts that
 * share everything up to the last {@code "\n\nAssistant:"}. The prompt text is that shared
 * prefix, the marker included (earlier turns too); each response is the text after the marker,
 * whitespace kept ({@code " Sure, 10."}): prompt text + response is the transcript. This is the
 * split TRL's {@code extract_prompt} makes ({@code trl/data_utils.py:632-641}) whenever the two
 * responses differ in their first non-space character; when they share a beginning, TRL's
 * longest-common-prefix rule would move that shared text into the prompt, and this preset does
 * not. The chat turns are those before the marker; the preset's text template is
 * {@link TemplateChoice#NONE}, so that a checkpoint without a chat template is trained on the
 * transcript itself, as TRL trains on it. The files
 * carry no subset column, so the subset (the hub folder: {@code helpful-base},
 * {@code helpful-online}, {@code helpful-rejection-sampled}, {@code harmless-base}) says which
 * objective the pair labels: helpful subsets label helpfulness (harmlessness 0), harmless-base
 * labels harmlessness (helpfulness 0).
 */
public final class HhRlhfPreset implements Preset {

    /** The preset's name. */
    public static final String NAME = "hh-rlhf";

    private static final String MARKER = "\n\nAssistant:";
    private static final Pattern TURN = Pattern.compile("\n\n(Human|Assistant): ?");
    private static final ObjectiveSet OBJECTIVES = ObjectiveSet.of("helpfulness", "harmlessness");
    private static final Map<String, ColumnKind> REQUIRED = new RequiredColumns()
            .add("chosen", ColumnKind.TEXT)
            .add("rejected", ColumnKind.TEXT)
            .build();

    private final List<Outcome> outcomes;

    /**
     * @param subset the hub subset: a name starting {@code helpful-}, or {@code harmless-base}
     */
    public HhRlhfPreset(String subset) {
        if (subset.startsWith("helpful-")) {
            outcomes = List.of(Outcome.A_PREFERRED, Outcome.TIE);
        } else if (subset.startsWith("harmless-")) {
            outcomes = List.of(Outcome.TIE, Outcome.A_PREFERRED);
        } else {
            throw new IllegalArgumentException("hh-rlhf subset must be helpful-base, helpful-online, "
                    + "helpful-rejection-sampled or harmless-base, got '" + subset + "'");
        }
    }

    /**
     * The subset named in a path: the first folder or file name, read from the file upwards,
     * that starts with {@code helpful-} or {@code harmless-} (as in
     * {@code hh-rlhf/harmless-base/train.jsonl.gz}).
     */
    public static Optional<String> subsetOf(Path path) {
        for (Path p = path.toAbsolutePath().normalize(); p != null && p.getFileName() != null; p = p.getParent()) {
            String name = p.getFileName().toString();
            for (String prefix : new String[] {"helpful-", "harmless-"}) {
                if (name.startsWith(prefix)) {
                    int end = name.indexOf('_') > 0 ? name.indexOf('_') : name.indexOf('.');
                    return Optional.of(end > 0 ? name.substring(0, end) : name);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectiveSet objectives() {
        return OBJECTIVES;
    }

    @Override
    public Map<String, ColumnKind> requiredColumns() {
        return REQUIRED;
    }

    @Override
    public TemplateChoice textTemplate() {
        return TemplateChoice.NONE;
    }

    @Override
    public Optional<String> refuse(Record first) {
        if (!first.has("chosen") && !first.has("rejected") && first.has("transcript")) {
            return Optional.of("rows have a 'transcript' but no 'chosen'/'rejected': this looks like "
                    + "red-team-attempts, which holds rated transcripts, not preference pairs");
        }
        return Optional.empty();
    }

    @Override
    public PairAssembler newAssembler() {
        return this::assemble;
    }

    private void assemble(SourceRow row, PairSink sink) {
        String chosen = row.record().text("chosen");
        String rejected = row.record().text("rejected");
        int cutA = chosen.lastIndexOf(MARKER);
        int cutB = rejected.lastIndexOf(MARKER);
        if (cutA < 0 || cutB < 0) {
            String field = cutA < 0 ? "chosen" : "rejected";
            sink.reject(new Rejection(row.file(), row.row(), RejectReason.MALFORMED_TRANSCRIPT,
                    "'" + field + "' has no \"\\n\\nAssistant:\" turn: "
                            + row.record().describe(field)));
            return;
        }
        String before = chosen.substring(0, cutA);
        if (!before.equals(rejected.substring(0, cutB))) {
            sink.reject(new Rejection(row.file(), row.row(), RejectReason.MALFORMED_TRANSCRIPT,
                    "'chosen' and 'rejected' differ before their last assistant turn, so they do not "
                            + "answer the same prompt"));
            return;
        }
        String a = chosen.substring(cutA + MARKER.length());
        String b = rejected.substring(cutB + MARKER.length());
        Rejection bad = Responses.check(row, "chosen", a, "rejected", b);
        if (bad != null) {
            sink.reject(bad);
            return;
        }
        Prompt prompt = new Prompt(before + MARKER, turns(before));
        sink.keep(PreferenceExample.of(prompt, a, b, outcomes, row.file(), row.row()));
    }

    /**
     * The turns of a transcript up to (not including) its last {@code "\n\nAssistant:"}; text
     * before the first marker becomes a system turn.
     */
    static List<ChatMessage> turns(String transcript) {
        List<ChatMessage> turns = new ArrayList<>();
        Matcher marker = TURN.matcher(transcript);
        int contentStart = 0;
        String role = null;
        while (marker.find()) {
            addTurn(turns, role, transcript.substring(contentStart, marker.start()));
            role = "Human".equals(marker.group(1)) ? ChatMessage.USER : ChatMessage.ASSISTANT;
            contentStart = marker.end();
        }
        addTurn(turns, role, transcript.substring(contentStart));
        if (turns.isEmpty()) {
            turns.add(ChatMessage.user(transcript));
        }
        return turns;
    }

    private static void addTurn(List<ChatMessage> turns, String role, String content) {
        if (role != null) {
            turns.add(new ChatMessage(role, content));
        } else if (!content.isEmpty()) {
            turns.add(ChatMessage.system(content));
        }
    }
}
