package dev.mopo.djl.train.config;

import ai.djl.ndarray.types.DataType;
import dev.mopo.core.Choice;

/** The settings {@code precision} and {@code reference_precision}: the floating-point type models compute in. */
public enum Precision implements Choice {
    /** Single precision. */
    FP32("fp32", DataType.FLOAT32),
    /** Half precision (mixed-precision training with fp32 master weights; meant for CUDA). */
    FP16("fp16", DataType.FLOAT16);

    private final String key;
    private final DataType dataType;

    Precision(String key, DataType dataType) {
        this.key = key;
        this.dataType = dataType;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }

    /**
     * The precision {@code key} names for {@code setting}; bf16, which DJL's PyTorch engine lacks,
     * is refused with that reason.
     */
    public static Precision of(String setting, String key) {
        if ("bf16".equalsIgnoreCase(key) || "bfloat16".equalsIgnoreCase(key)) {
            throw new IllegalArgumentException(setting + ": bf16 compute is not available (DJL's PyTorch engine has"
                    + " no bfloat16); use fp16 (mixed precision with loss scaling) or fp32");
        }
        return Choice.of(Precision.class, setting, key);
    }

    /** The DJL data type models load in. */
    public DataType dataType() {
        return dataType;
    }
}
