package dev.mopo.djl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The Java float conversions against the engine (f16) and the bfloat16 rounding rules. */
class FloatBitsTest {

    @Test
    void everyHalfWidensAsTorchDoes() {
        ByteBuffer halves = ByteBuffer.allocateDirect(65536 * 2).order(ByteOrder.nativeOrder());
        for (int bits = 0; bits < 65536; bits++) {
            halves.putShort((short) bits);
        }
        halves.flip();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray widened = manager.create(halves, new Shape(65536), DataType.FLOAT16).toType(DataType.FLOAT32, true);
            float[] torch = widened.toFloatArray();
            for (int bits = 0; bits < 65536; bits++) {
                float ours = FloatBits.halfToFloat((short) bits);
                if (Float.isNaN(torch[bits])) {
                    assertTrue(Float.isNaN(ours), "NaN pattern " + bits);
                } else {
                    assertEquals(Float.floatToIntBits(torch[bits]), Float.floatToIntBits(ours), "half bits " + bits);
                }
            }
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertEquals((short) 0x3F80, FloatBits.floatToBf16(1.0f));
        assertEquals((short) 0x3F80, FloatBits.floatToBf16(Float.intBitsToFloat(0x3F808000)), "tie to even (down)");
        assertEquals((short) 0x3F82, FloatBits.floatToBf16(Float.intBitsToFloat(0x3F818000)), "tie to even (up)");
        assertEquals((short) 0x3F81, FloatBits.floatToBf16(Float.intBitsToFloat(0x3F808001)), "above the tie");
        assertEquals((short) 0x7F80, FloatBits.floatToBf16(Float.POSITIVE_INFINITY));
        assertEquals((short) 0x7F80, FloatBits.floatToBf16(Float.MAX_VALUE), "overflows to infinity");
        assertEquals((short) 0x8000, FloatBits.floatToBf16(-0.0f));
        assertEquals((short) 0x7FC0, FloatBits.floatToBf16(Float.NaN));
        for (int top = 0; top < 65536; top++) {
            float value = FloatBits.bf16ToFloat((short) top);
            if (!Float.isNaN(value)) {
                assertEquals((short) top, FloatBits.floatToBf16(value), "bf16 bits " + top + " round trip");
            }
        }
    }
}
