package dev.mopo.djl.checkpoint;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The element types a safetensors header may name, with their width in bytes. Only the float
 * types are converted to a model's compute type; the integer types load as themselves.
 */
public enum SafetensorsDtype {
    /** IEEE double. */
    F64(8, DataType.FLOAT64),
    /** IEEE single. */
    F32(4, DataType.FLOAT32),
    /** IEEE half. */
    F16(2, DataType.FLOAT16),
    /** bfloat16: the upper 16 bits of an IEEE single. */
    BF16(2, DataType.BFLOAT16),
    /** 8-bit float, 4 exponent bits (no DJL type: listed so headers parse, not loadable). */
    F8_E4M3(1, null),
    /** 8-bit float, 5 exponent bits (no DJL type: listed so headers parse, not loadable). */
    F8_E5M2(1, null),
    /** Signed 64-bit integer. */
    I64(8, DataType.INT64),
    /** Signed 32-bit integer. */
    I32(4, DataType.INT32),
    /** Signed 16-bit integer (no DJL type: listed so headers parse, not loadable). */
    I16(2, null),
    /** Signed 8-bit integer. */
    I8(1, DataType.INT8),
    /** Unsigned 64-bit integer (no DJL type: listed so headers parse, not loadable). */
    U64(8, null),
    /** Unsigned 32-bit integer (no DJL type: listed so headers parse, not loadable). */
    U32(4, null),
    /** Unsigned 16-bit integer (no DJL type: listed so headers parse, not loadable). */
    U16(2, null),
    /** Unsigned 8-bit integer. */
    U8(1, DataType.UINT8),
    /** Boolean, one byte each. */
    BOOL(1, DataType.BOOLEAN);

    private final int bytes;
    private final DataType djlType;

    SafetensorsDtype(int bytes, DataType djlType) {
        this.bytes = bytes;
        this.djlType = djlType;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** True for F64, F32, F16 and BF16: the types a loader converts to the compute type. */
    public boolean isFloat() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }

    /** The DJL type with the same layout, if DJL has one (BF16 maps to a type DJL cannot hold). */
    public Optional<DataType> djlType() {
        return Optional.ofNullable(djlType);
    }

    /** The dtype a header code names, or empty for a code this reader does not know. */
    public static Optional<SafetensorsDtype> fromCode(String code) {
        for (SafetensorsDtype dtype : values()) {
            if (dtype.name().equals(code)) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }

    /**
     * The code a tensor of {@code type} is stored under: float arrays take {@code floatStorage}
     * (F32, F16 or BF16), integer and boolean arrays keep their own type.
     */
    public static SafetensorsDtype forArray(DataType type, SafetensorsDtype floatStorage) {
        if (type.isFloating()) {
            return floatStorage;
        }
        for (SafetensorsDtype dtype : values()) {
            if (type == dtype.djlType) {
                return dtype;
            }
        }
        throw new IllegalArgumentException("no safetensors dtype for an array of " + type);
    }

    /** The codes, comma separated, for error messages. */
    static String codes() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
