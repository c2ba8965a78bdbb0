package dev.mopo.datasets.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import dev.mopo.datasets.batch.BatchConfig;
import dev.mopo.datasets.batch.TokenEncoder;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.template.ChatTemplates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line wrapper of {@link DataBenchmark} with DJL's Hugging Face tokenizer loaded from a
 * local folder (test scope: mopo-datasets itself takes any {@link TokenEncoder}).
 *
 * <pre>
 * DataBenchmarkMain --path FILE.parquet --tokenizer DIR [--encoder jni|djl] [--preset pku-safe-rlhf]
 *     [--template pku|plain|auto] [--batch-size 8] [--max-length 1024] [--max-prompt-length 512]
 *     [--pad-id 0] [--eos-id 2]
 * </pre>
 *
 * The id defaults are those of the tokenizer bench_data.py trains ({@code <pad>} 0, {@code </s>} 2).
 *
 * {@code --encoder jni} encodes a batch of texts with one native call and reads only the ids;
 * {@code djl} goes through {@link HuggingFaceTokenizer#batchEncode(List)}, which also copies
 * tokens, offsets and masks out of the native library for every text.
 */
public final class DataBenchmarkMain {

    private DataBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("encoder", "jni", "preset", "pku-safe-rlhf",
                "template", "pku", "batch-size", "8", "max-length", "1024", "max-prompt-length", "512",
                "pad-id", "0", "eos-id", "2"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path data = Path.of(options.get("path"));
        Path folder = Path.of(options.get("tokenizer"));
        Preset preset = Presets.create(options.get("preset"), Map.of(), data);
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(folder.resolve("tokenizer.json"))
                .optAddSpecialTokens(false)
                .optTruncation(false)
                .optPadding(false)
                .build()) {
            TokenEncoder encoder = "djl".equals(options.get("encoder")) ? djl(tokenizer) : jni(tokenizer);
            BatchConfig config = BatchConfig.builder(Integer.parseInt(options.get("pad-id")))
                    .batchSize(Integer.parseInt(options.get("batch-size")))
                    .maxLength(Integer.parseInt(options.get("max-length")))
                    .maxPromptLength(Integer.parseInt(options.get("max-prompt-length")))
                    .eosId(Integer.parseInt(options.get("eos-id")))
                    .build();
            DataBenchmark.Result result = DataBenchmark.run(data, preset,
                    ChatTemplates.named(options.get("template"), folder), encoder, config);
            System.out.println(result.toJson(Map.of("encoder", options.get("encoder"))));
        }
    }

    private static TokenEncoder djl(HuggingFaceTokenizer tokenizer) {
        return new TokenEncoder() {
            @Override
            public int[] encode(String text) {
                return ints(tokenizer.encode(text).getIds());
            }

            @Override
            public List<int[]> encodeAll(List<String> texts) {
                List<int[]> out = new ArrayList<>(texts.size());
                for (Encoding encoding : tokenizer.batchEncode(texts)) {
                    out.add(ints(encoding.getIds()));
                }
                return out;
            }
        };
    }

    private static TokenEncoder jni(HuggingFaceTokenizer tokenizer) {
        long handle = tokenizer.getHandle();
        return new TokenEncoder() {
            @Override
            public int[] encode(String text) {
                return encodeAll(List.of(text)).get(0);
            }

            @Override
            public List<int[]> encodeAll(List<String> texts) {
                long[] encodings = TokenizersLibrary.LIB.batchEncode(handle, texts.toArray(new String[0]), false);
                List<int[]> out = new ArrayList<>(encodings.length);
                for (long encoding : encodings) {
                    out.add(ints(TokenizersLibrary.LIB.getTokenIds(encoding)));
                    TokenizersLibrary.LIB.deleteEncoding(encoding);
                }
                return out;
            }
        };
    }

    private static int[] ints(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
