package dev.mopo.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.checkpoint.CheckpointException;
import dev.mopo.djl.checkpoint.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a block's parameters from a checkpoint, matching parameter names to tensor names (also
 * without the base-model prefix, as transformers accepts). Every name and shape is checked
 * before any data is read; tensors are then read one at a time through DJL's own parameter
 * initialisation, so each lands directly in its parameter (owned by the model's manager, never by
 * a caller's {@link NDScope}).
 */
final class WeightLoader {

    private static final Logger LOG = LoggerFactory.getLogger(WeightLoader.class);

    /** Non-parameter buffers older Hub files carry. */
    private static final List<String> IGNORED_SUFFIXES = List.of(".rotary_emb.inv_freq", ".attention.bias",
            ".attention.masked_bias", ".attn.bias", ".attn.masked_bias");

    private WeightLoader() {}

    /** Loads every parameter of {@code block} onto {@code manager}'s device as {@code computeType}. */
    static void load(CausalLmBlock block, Checkpoint checkpoint, NDManager manager, DataType computeType)
            throws IOException {
        load(block, checkpoint, manager, computeType, Set.of());
    }

    /**
     * Loads every parameter of {@code block}; the tensors named in {@code readElsewhere} (a head
     * the caller reads itself) are not reported as unused.
     */
    static void load(CausalLmBlock block, Checkpoint checkpoint, NDManager manager, DataType computeType,
            Set<String> readElsewhere) throws IOException {
        String base = block.config().architecture().names().base();
        Map<Parameter, String> sources = new LinkedHashMap<>();
        for (Parameter parameter : block.getParameters().values()) {
            String name = resolve(checkpoint, parameter.getName(), base);
            TensorInfo tensor = checkpoint.info(name).orElseThrow(() -> new CheckpointException(checkpoint.location()
                    + ": tensor '" + parameter.getName() + "' (expected shape " + parameter.getShape()
                    + ") is missing from the checkpoint"));
            if (!tensor.shape().equals(parameter.getShape())) {
                throw new CheckpointException(tensor.file() + ": tensor '" + name + "' has shape " + tensor.shape()
                        + " but the " + block.config().modelType() + " config expects " + parameter.getShape());
            }
            sources.put(parameter, name);
        }
        for (Map.Entry<Parameter, String> entry : sources.entrySet()) {
            String name = entry.getValue();
            entry.getKey().setInitializer((target, shape, type) -> read(checkpoint, name, shape, target, type));
        }
        try {
            block.initialize(manager, computeType, new Shape(1, 1));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Set<String> used = new HashSet<>(sources.values());
        used.addAll(readElsewhere);
        warnAboutUnused(checkpoint, used, block.config());
    }

    private static String resolve(Checkpoint checkpoint, String name, String base) {
        if (checkpoint.info(name).isEmpty() && name.startsWith(base)) {
            String bare = name.substring(base.length());
            if (checkpoint.info(bare).isPresent()) {
                return bare;
            }
        }
        return name;
    }

    private static NDArray read(Checkpoint checkpoint, String name, Shape shape, NDManager manager,
            DataType type) {
        try {
            NDArray array = checkpoint.read(name, shape, manager, type);
            NDScope.unregister(array);
            return array;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void warnAboutUnused(Checkpoint checkpoint, Set<String> used, ModelConfig config) {
        String head = config.architecture().names().head() + ".weight";
        List<String> unused = new ArrayList<>();
        for (String name : checkpoint.names()) {
            boolean tiedHead = config.tiedEmbeddings() && name.equals(head);
            if (!used.contains(name) && !tiedHead && IGNORED_SUFFIXES.stream().noneMatch(name::endsWith)) {
                unused.add(name);
            }
        }
        if (!unused.isEmpty()) {
            LOG.warn("{}: {} tensors are not used by the {} model: {}", checkpoint.location(), unused.size(),
                    config.modelType(), unused);
        }
    }
}
