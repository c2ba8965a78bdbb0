package dev.mopo.datasets.batch;

import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import dev.mopo.datasets.source.Values;
import dev.mopo.datasets.template.ChatTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one way a pair becomes token ids, for training, the reference pass, evaluation and data
 * inspection alike: TRL 1.13's ({@code trl/trainer/dpo_trainer.py:1036-1098};
 * {@code src/test/fixtures/TOKENS.md} records what it does, and the tests compare the ids with
 * TRL's for five tokenizer families).
 *
 * <ol>
 *   <li><b>Text templates</b> ({@link ChatTemplate#conversational()} false): prompt ids =
 *       {@code encode(render(prompt))} and joint ids = {@code encode(render(prompt) + response + eos)}, both
 *       with the tokenizer's special tokens (a BOS where its post-processor adds one). {@code eos}
 *       is the tokenizer's end-of-sequence <em>text</em> ({@link TokenEncoder#eosText()}), not
 *       appended when the response already ends with it ({@code dpo_trainer.py:1036-1047}).
 *   <li><b>Chat templates</b>: prompt ids = {@code encode(render(prompt))} (the generation prompt
 *       included) and joint ids = {@code encode(render(prompt, response))}, both without special
 *       tokens: the template writes them (a BOS exactly once) and its end of turn, and no EOS is
 *       appended ({@code dpo_trainer.py:1058-1074}, {@code transformers/tokenization_utils_base.py:3124-3129}).
 *       What the template writes after the end of turn (Qwen's {@code "\n"} after
 *       {@code <|im_end|>}) belongs to the response, as in TRL.
 *   <li><b>The boundary.</b> The response ids are the joint ids after the prompt's. When the
 *       prompt ids are a prefix of both joints (always for the fixtures' hh, plain and chat cases),
 *       the cut is at {@code len(prompt ids)} and the ids equal TRL's. Otherwise, for example when
 *       the prompt ends in a space that merges into the response's first token
 *       ({@code "A: " + "Sure"} → {@code 'ĠSure'}), the cut is at the longest common prefix of the
 *       prompt ids with both joints, so that prompt + response is exactly the joint tokenisation.
 *       <em>This differs from TRL</em>, which cuts at {@code len(prompt ids)} regardless
 *       ({@code dpo_trainer.py:1083-1098}) and so drops the response's first token, training a
 *       sequence that neither tokenisation gives. Such pairs are counted by
 *       {@link #mergedBoundaries()}; they are kept.
 *   <li><b>Refusals</b> (<em>TRL trains these pairs</em>): a pair whose rendered prompt or joint
 *       text the tokenizer cannot encode completely ({@link Encoded#complete()}: an unknown token,
 *       or a character no token covers) is rejected as {@link RejectReason#UNENCODABLE_TEXT},
 *       naming the field and the first such character; a response left with no token of its own
 *       after truncation (an EOS the text template appended does not count) is rejected as
 *       {@link RejectReason#NO_RESPONSE_TOKENS}. Rejections go to the consumer given to the
 *       constructor, with the pair's file and row; refused pairs are left out of the results.
 *   <li><b>Truncation</b> ({@link TokenLimits}): when prompt plus the longer response exceeds
 *       {@code maxLength}, the prompt keeps its last {@code maxPromptLength} tokens (a BOS at its
 *       start is cut with the rest); when that is still too long, both responses keep their first
 *       {@code maxLength − maxPromptLength} tokens. Nothing is dropped. <em>TRL 1.13 truncates
 *       differently</em>: it has no {@code max_prompt_length}, drops pairs whose prompt alone has
 *       {@code max_length} tokens or more ({@code dpo_trainer.py:1112-1113}), and its collator
 *       cuts each of the two sequences to its first {@code max_length} tokens on its own, so the
 *       prompt is kept whole and only the response is cut ({@code dpo_trainer.py:148-160}).
 * </ol>
 *
 * <p>A tokenizer of pairs is used by one thread at a time.
 */
public final class PairTokenizer {

    /** Pairs encoded per call to {@link TokenEncoder#encodeAll} when tokenising a stream. */
    public static final int CHUNK = 512;

    private final ChatTemplate template;
    private final TokenEncoder encoder;
    private final TokenLimits limits;
    private final Consumer<Rejection> rejections;
    private final String eos;
    private long mergedBoundaries;

    /**
     * A tokenizer of pairs.
     *
     * @param template renders prompts (and decides between the text and the chat way)
     * @param encoder the model's tokenizer
     * @param limits how long a pair may be
     * @param rejections told about every pair refused, for example
     *     {@link dev.mopo.datasets.read.PairReader#rejections()} (which counts it with the reader's
     *     rejections, or throws in strict mode)
     */
    public PairTokenizer(ChatTemplate template, TokenEncoder encoder, TokenLimits limits,
            Consumer<Rejection> rejections) {
        this.template = Objects.requireNonNull(template, "template");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.rejections = Objects.requireNonNull(rejections, "rejections");
        this.eos = template.conversational() ? "" : encoder.eosText().orElse("");
    }

    /**
     * The pairs of a list that are not refused, with the texts of all of them encoded in one
     * {@link TokenEncoder#encodeAll} call; they are numbered 0, 1, 2… in order.
     */
    public List<TokenizedPair> tokenizeAll(List<PreferenceExample> examples) {
        return tokenizeAll(examples, 0);
    }

    /**
     * The pairs of a stream that are not refused, tokenised {@link #CHUNK} at a time as they are
     * asked for; they are numbered 0, 1, 2… in order, so the same stream gets the same numbers on
     * every pass.
     */
    public Iterator<TokenizedPair> tokenize(Iterator<PreferenceExample> examples) {
        return new Iterator<>() {
            private Iterator<TokenizedPair> chunk = List.<TokenizedPair>of().iterator();
            private int kept;

            @Override
            public boolean hasNext() {
                while (!chunk.hasNext() && examples.hasNext()) {
                    List<PreferenceExample> next = new ArrayList<>(CHUNK);
                    while (next.size() < CHUNK && examples.hasNext()) {
                        next.add(examples.next());
                    }
                    List<TokenizedPair> pairs = tokenizeAll(next, kept);
                    kept += pairs.size();
                    chunk = pairs.iterator();
                }
                return chunk.hasNext();
            }

            @Override
            public TokenizedPair next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more pairs");
                }
                return chunk.next();
            }
        };
    }

    /**
     * The ids a model continues for {@code prompt} when it generates: the rendered prompt encoded
     * exactly as the pairs' prompts are (special tokens for text templates, none for chat
     * templates), so that generation sees the prefix training saw.
     *
     * @throws IllegalArgumentException when the tokenizer cannot encode the rendered prompt
     */
    public int[] promptIds(Prompt prompt) {
        String text = template.render(prompt);
        Encoded encoded = encoder.encodeAll(List.of(text), !template.conversational()).get(0);
        if (!encoded.complete()) {
            throw new IllegalArgumentException("the tokenizer cannot encode the prompt " + Values.quote(text)
                    + " (first at character " + encoded.unencodable() + ")");
        }
        return encoded.ids();
    }

    /** Pairs kept so far whose prompt ids were not a prefix of their joint ids (see the class comment). */
    public long mergedBoundaries() {
        return mergedBoundaries;
    }

    private List<TokenizedPair> tokenizeAll(List<PreferenceExample> examples, int firstIndex) {
        List<String> texts = new ArrayList<>(examples.size() * 3);
        for (PreferenceExample example : examples) {
            String prompt = template.render(example.prompt());
            texts.add(prompt);
            texts.add(joint(example, prompt, example.responseA()));
            texts.add(joint(example, prompt, example.responseB()));
        }
        List<Encoded> encoded = encoder.encodeAll(texts, !template.conversational());
        if (encoded.size() != texts.size()) {
            throw new IllegalStateException("the token encoder returned " + encoded.size() + " encodings for "
                    + texts.size() + " texts");
        }
        List<TokenizedPair> pairs = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            PreferenceExample example = examples.get(i);
            Rejection unencodable = unencodable(example, texts.subList(3 * i, 3 * i + 3),
                    encoded.subList(3 * i, 3 * i + 3));
            if (unencodable != null) {
                rejections.accept(unencodable);
                continue;
            }
            TokenizedPair pair = split(example, firstIndex + pairs.size(), encoded.get(3 * i).ids(),
                    encoded.get(3 * i + 1).ids(), encoded.get(3 * i + 2).ids());
            if (pair != null) {
                pairs.add(pair);
            }
        }
        return pairs;
    }

    private String joint(PreferenceExample example, String prompt, String response) {
        if (template.conversational()) {
            return template.render(example.prompt(), response);
        }
        String text = template.render(example.prompt(), response);
        return response.endsWith(eos) ? text : text + eos;
    }

    /** The rejection of a pair whose prompt or joint texts were not encoded completely, or null. */
    private Rejection unencodable(PreferenceExample example, List<String> texts, List<Encoded> encoded) {
        String prompt = texts.get(0);
        String[] fields = {"the rendered prompt", "response_a", "response_b"};
        for (int t = 0; t < 3; t++) {
            Encoded e = encoded.get(t);
            if (e.complete()) {
                continue;
            }
            String text = texts.get(t);
            int at = e.unencodable();
            String where = t == 0 ? fields[0]
                    : text.startsWith(prompt) && at >= prompt.length() ? fields[t]
                    : fields[t] + " with the rendered prompt";
            int character = text.codePointAt(at);
            String context = text.substring(Math.max(0, at - 30), Math.min(text.length(), at + 30));
            return new Rejection(example.file(), example.sourceRows()[0], RejectReason.UNENCODABLE_TEXT,
                    String.format(Locale.ROOT, "%s: the tokenizer cannot encode '%s' (U+%04X) in %s", where,
                            new String(Character.toChars(character)), character, Values.quote(context)));
        }
        return null;
    }

    /** Cuts the joints after the prompt, truncates, and checks that each response keeps a token; null when refused. */
    private TokenizedPair split(PreferenceExample example, int index, int[] promptIds, int[] jointA, int[] jointB) {
        int cut = promptIds.length;
        if (!startsWith(jointA, promptIds) || !startsWith(jointB, promptIds)) {
            cut = Math.min(commonPrefix(promptIds, jointA), commonPrefix(promptIds, jointB));
        }
        int[] prompt = Arrays.copyOf(jointA, cut);
        int[] responseA = Arrays.copyOfRange(jointA, cut, jointA.length);
        int[] responseB = Arrays.copyOfRange(jointB, cut, jointB.length);
        int ownA = responseA.length - eosTokens();
        int ownB = responseB.length - eosTokens();
        int longer = Math.max(responseA.length, responseB.length);
        if (prompt.length + longer > limits.maxLength() && prompt.length > limits.maxPromptLength()) {
            prompt = Arrays.copyOfRange(prompt, prompt.length - limits.maxPromptLength(), prompt.length);
        }
        if (prompt.length + longer > limits.maxLength()) {
            int keep = limits.maxLength() - limits.maxPromptLength();
            responseA = Arrays.copyOf(responseA, Math.min(keep, responseA.length));
            responseB = Arrays.copyOf(responseB, Math.min(keep, responseB.length));
        }
        Rejection empty = Math.min(ownA, responseA.length) <= 0 ? noTokens(example, "response_a", ownA)
                : Math.min(ownB, responseB.length) <= 0 ? noTokens(example, "response_b", ownB) : null;
        if (empty != null) {
            rejections.accept(empty);
            return null;
        }
        if (cut != promptIds.length) {
            mergedBoundaries++;
        }
        int[] signs = new int[example.numObjectives()];
        for (int k = 0; k < signs.length; k++) {
            signs[k] = example.outcome(k).sign();
        }
        return new TokenizedPair(example.id(), example.file(), example.sourceRows()[0], index, prompt, responseA,
                responseB, signs, example.scoresA().orElse(null), example.scoresB().orElse(null));
    }

    /** The tokens at the end of every text-template response that are the appended EOS: 1, or 0 without one. */
    private int eosTokens() {
        return eos.isEmpty() ? 0 : 1;
    }

    private static Rejection noTokens(PreferenceExample example, String field, int own) {
        return new Rejection(example.file(), example.sourceRows()[0], RejectReason.NO_RESPONSE_TOKENS,
                field + " keeps no token of its own after truncation (it had " + Math.max(0, own)
                        + " before, an appended EOS not counted)");
    }

    private static boolean startsWith(int[] ids, int[] prefix) {
        return ids.length >= prefix.length && Arrays.equals(ids, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int commonPrefix(int[] a, int[] b) {
        int mismatch = Arrays.mismatch(a, b);
        return mismatch < 0 ? a.length : mismatch;
    }
}
