package dev.mopo.bench.cli;

import ai.djl.ndarray.types.DataType;

/** The compute precisions the command line accepts. */
final class Precision {

    private Precision() {}

    /** {@code fp32} or {@code fp16} as a DJL data type. */
    static DataType parse(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "fp32":
            case "float32":
                return DataType.FLOAT32;
            case "fp16":
            case "float16":
                return DataType.FLOAT16;
            case "bf16":
            case "bfloat16":
                throw new IllegalArgumentException("bf16 compute is not available: DJL's PyTorch engine has no"
                        + " bfloat16; use fp16 (mixed precision with loss scaling) or fp32");
            default:
                throw new IllegalArgumentException("precision must be fp32 or fp16, got '" + name + "'");
        }
    }
}
