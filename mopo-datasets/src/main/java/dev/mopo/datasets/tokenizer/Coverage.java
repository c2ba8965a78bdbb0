package dev.mopo.datasets.tokenizer;

import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.util.BitSet;

/**
 * Which character of a text the tokenizer did not encode, from the character spans of its tokens
 * (DJL gives them in Unicode code points of the original text; special tokens the post-processor
 * adds have none).
 */
final class Coverage {

    private Coverage() {}

    /**
     * The {@code char} index of the first character that is not whitespace and is covered by no
     * token other than the unknown token, or -1 when there is none.
     *
     * @param unkId the id of the unknown token, or -1
     */
    static int firstUnencodable(String text, long[] ids, CharSpan[] spans, long unkId) {
        BitSet covered = new BitSet();
        for (int t = 0; t < ids.length; t++) {
            if (spans[t] != null && ids[t] != unkId) {
                covered.set(spans[t].getStart(), spans[t].getEnd());
            }
        }
        int point = 0;
        for (int i = 0; i < text.length(); point++) {
            int c = text.codePointAt(i);
            if (!covered.get(point) && !whitespace(c)) {
                return i;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    /** Unicode's White_Space, which the tokenizers library's splitting on whitespace uses. */
    private static boolean whitespace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }
}
