package dev.mopo.datasets.batch;

import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.template.ChatTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Renders each prompt with a chat template, tokenises prompt and responses, appends the EOS to
 * the responses and truncates as TRL's DPO trainer does: when prompt plus the longer response
 * exceeds {@code max_length}, the prompt keeps its last {@code max_prompt_length} tokens; when
 * that is still too long, both responses keep their first
 * {@code max_length - max_prompt_length} tokens.
 */
public final class PairTokenizer {

    /** Pairs encoded per call to {@link TokenEncoder#encodeAll} when tokenising a stream. */
    public static final int CHUNK = 512;

    private final ChatTemplate template;
    private final TokenEncoder encoder;
    private final BatchConfig config;

    /** A tokenizer of pairs. */
    public PairTokenizer(ChatTemplate template, TokenEncoder encoder, BatchConfig config) {
        this.template = template;
        this.encoder = encoder;
        this.config = config;
    }

    /** One pair. */
    public TokenizedPair tokenize(PreferenceExample example) {
        return tokenizeAll(List.of(example)).get(0);
    }

    /**
     * Many pairs, with the texts of all of them encoded in one {@link TokenEncoder#encodeAll} call;
     * their indices are their positions in the list.
     */
    public List<TokenizedPair> tokenizeAll(List<PreferenceExample> examples) {
        return tokenizeAll(examples, 0);
    }

    private List<TokenizedPair> tokenizeAll(List<PreferenceExample> examples, int firstIndex) {
        List<String> texts = new ArrayList<>(examples.size() * 3);
        for (PreferenceExample example : examples) {
            texts.add(template.render(example.prompt()));
            texts.add(example.responseA());
            texts.add(example.responseB());
        }
        List<int[]> ids = encoder.encodeAll(texts);
        if (ids.size() != texts.size()) {
            throw new IllegalStateException("the token encoder returned " + ids.size() + " encodings for "
                    + texts.size() + " texts");
        }
        List<TokenizedPair> pairs = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            pairs.add(truncate(examples.get(i), firstIndex + i, ids.get(3 * i), ids.get(3 * i + 1),
                    ids.get(3 * i + 2)));
        }
        return pairs;
    }

    /**
     * Pairs of a stream, tokenised {@link #CHUNK} at a time as they are asked for; their indices
     * count the stream's pairs from 0.
     */
    public Iterator<TokenizedPair> tokenize(Iterator<PreferenceExample> examples) {
        return new Iterator<>() {
            private Iterator<TokenizedPair> chunk = List.<TokenizedPair>of().iterator();
            private int tokenized;

            @Override
            public boolean hasNext() {
                while (!chunk.hasNext() && examples.hasNext()) {
                    List<PreferenceExample> next = new ArrayList<>(CHUNK);
                    while (next.size() < CHUNK && examples.hasNext()) {
                        next.add(examples.next());
                    }
                    chunk = tokenizeAll(next, tokenized).iterator();
                    tokenized += next.size();
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

    private TokenizedPair truncate(PreferenceExample example, int index, int[] prompt, int[] a, int[] b) {
        int[] responseA = withEos(a);
        int[] responseB = withEos(b);
        int longer = Math.max(responseA.length, responseB.length);
        if (prompt.length + longer > config.maxLength() && prompt.length > config.maxPromptLength()) {
            prompt = Arrays.copyOfRange(prompt, prompt.length - config.maxPromptLength(), prompt.length);
        }
        if (prompt.length + longer > config.maxLength()) {
            int keep = config.maxLength() - config.maxPromptLength();
            responseA = Arrays.copyOf(responseA, Math.min(keep, responseA.length));
            responseB = Arrays.copyOf(responseB, Math.min(keep, responseB.length));
        }
        int[] signs = new int[example.numObjectives()];
        for (int k = 0; k < signs.length; k++) {
            signs[k] = example.outcome(k).sign();
        }
        return new TokenizedPair(example.id(), index, prompt, responseA, responseB, signs,
                example.scoresA().orElse(null), example.scoresB().orElse(null));
    }

    private int[] withEos(int[] ids) {
        if (config.eosId() < 0) {
            return ids;
        }
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = config.eosId();
        return out;
    }
}
