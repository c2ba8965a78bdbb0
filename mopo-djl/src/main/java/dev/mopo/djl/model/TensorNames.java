package dev.mopo.djl.model;

/**
 * The Hugging Face tensor names of one architecture. Layer-relative names (norms, projections)
 * are appended to {@code layers + "." + index}; a null name means the architecture has no such
 * tensor. Every parameter is created under its full name, so a model's parameters map to
 * checkpoint tensors one to one.
 *
 * @param base the prefix of the base model ({@code model.}, {@code gpt_neox.}, {@code transformer.});
 *     older Hub files may lack it
 * @param embed the token embedding
 * @param positions the learned position embedding
 * @param projectIn OPT's projection from the word-embedding width to the hidden width
 * @param projectOut OPT's projection back
 * @param layers the prefix of the decoder layers
 * @param attentionNorm the norm before (or, post-LN, after) attention
 * @param mlpNorm the norm before (or after) the MLP
 * @param query the query projection
 * @param key the key projection
 * @param value the value projection
 * @param fusedQkv the fused query/key/value projection
 * @param output the attention output projection
 * @param gate the gate projection of a gated MLP
 * @param up the MLP input projection
 * @param down the MLP output projection
 * @param finalNorm the norm after the last layer
 * @param head the output matrix when not tied to the embedding
 */
public record TensorNames(String base, String embed, String positions, String projectIn, String projectOut,
        String layers, String attentionNorm, String mlpNorm, String query, String key, String value,
        String fusedQkv, String output, String gate, String up, String down, String finalNorm, String head) {

    /** The prefix of layer {@code index}'s tensors, with a trailing dot. */
    public String layer(int index) {
        return layers + "." + index + ".";
    }
}
