package dev.mopo.djl.train.optim;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters weight decay applies to, as Hugging Face's Trainer chooses them
 * ({@code Trainer.get_decay_parameter_names}, transformers 5.18): every parameter except those of
 * normalisation layers and those whose name contains {@code bias}, {@code layernorm},
 * {@code rmsnorm}, a {@code norm} component or a {@code _norm} suffix. mopo's normalisation
 * parameters are the ones of type {@code GAMMA} and {@code BETA}, which stands in for Trainer's
 * {@code isinstance(module, nn.LayerNorm)} test.
 */
public final class DecayedParameters {

    private static final List<Pattern> EXEMPT_NAMES = List.of(Pattern.compile("bias"), Pattern.compile("layernorm"),
            Pattern.compile("rmsnorm"), Pattern.compile("(?:^|\\.)norm(?:$|\\.)"), Pattern.compile("_norm(?:$|\\.)"));

    private DecayedParameters() {}

    /** The names of {@code block}'s parameters that weight decay applies to, in the block's order. */
    public static Set<String> of(Block block) {
        Set<String> decayed = new LinkedHashSet<>();
        for (Parameter parameter : block.getParameters().values()) {
            if (decays(parameter)) {
                decayed.add(parameter.getName());
            }
        }
        return decayed;
    }

    private static boolean decays(Parameter parameter) {
        if (parameter.getType() == Parameter.Type.GAMMA || parameter.getType() == Parameter.Type.BETA) {
            return false;
        }
        String name = parameter.getName().toLowerCase(Locale.ROOT);
        return EXEMPT_NAMES.stream().noneMatch(pattern -> pattern.matcher(name).find());
    }
}
