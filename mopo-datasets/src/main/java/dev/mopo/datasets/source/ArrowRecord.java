package dev.mopo.datasets.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/** A record over row {@code index} of a record batch or of a struct vector. */
final class ArrowRecord implements Record {

    private final ArrowColumns columns;
    private final int index;

    ArrowRecord(ArrowColumns columns, int index) {
        this.columns = columns;
        this.index = index;
    }

    static ValueType typeOf(ValueVector vector) {
        switch (vector.getMinorType()) {
            case VARCHAR:
            case LARGEVARCHAR:
            case VIEWVARCHAR:
                return ValueType.TEXT;
            case TINYINT:
            case SMALLINT:
            case INT:
            case BIGINT:
            case UINT1:
            case UINT2:
            case UINT4:
            case UINT8:
                return ValueType.INTEGER;
            case FLOAT2:
            case FLOAT4:
            case FLOAT8:
                return ValueType.NUMBER;
            case BIT:
                return ValueType.BOOLEAN;
            case LIST:
            case LARGELIST:
                return ValueType.LIST;
            case STRUCT:
                return ValueType.RECORD;
            case NULL:
                return ValueType.NULL;
            default:
                return ValueType.OTHER;
        }
    }

    @Override
    public ValueType type(String field) {
        FieldVector vector = columns.get(field);
        if (vector == null || vector.isNull(index)) {
            return ValueType.NULL;
        }
        return typeOf(vector);
    }

    @Override
    public String text(String field) {
        byte[] bytes = ((VariableWidthFieldVector) require(field, ValueType.TEXT)).get(index);
        try {
            return Utf8.decode(bytes, 0, bytes.length);
        } catch (Utf8.MalformedException e) {
            throw new UndecodableTextException(field, e.getMessage());
        }
    }

    @Override
    public long integer(String field) {
        return ((BaseIntVector) require(field, ValueType.INTEGER)).getValueAsLong(index);
    }

    @Override
    public double number(String field) {
        FieldVector vector = columns.get(field);
        ValueType type = type(field);
        if (type == ValueType.INTEGER) {
            return ((BaseIntVector) vector).getValueAsLong(index);
        }
        if (type == ValueType.NUMBER) {
            return ((FloatingPointVector) vector).getValueAsDouble(index);
        }
        throw new IllegalStateException("field '" + field + "' is " + type + ", expected a number");
    }

    @Override
    public boolean bool(String field) {
        return ((BitVector) require(field, ValueType.BOOLEAN)).get(index) != 0;
    }

    @Override
    public Record record(String field) {
        StructVector struct = (StructVector) require(field, ValueType.RECORD);
        return new ArrowRecord(columns.nested(field, struct), index);
    }

    @Override
    public List<Record> records(String field) {
        FieldVector list = require(field, ValueType.LIST);
        long start;
        long end;
        ValueVector data;
        if (list instanceof ListVector) {
            ListVector vector = (ListVector) list;
            start = vector.getElementStartIndex(index);
            end = vector.getElementEndIndex(index);
            data = vector.getDataVector();
        } else {
            LargeListVector vector = (LargeListVector) list;
            start = vector.getElementStartIndex(index);
            end = vector.getElementEndIndex(index);
            data = vector.getDataVector();
        }
        if (!(data instanceof StructVector)) {
            throw new IllegalStateException("field '" + field + "' is a list of " + data.getMinorType()
                    + ", expected a list of records");
        }
        StructVector struct = (StructVector) data;
        ArrowColumns elementColumns = columns.nested(field, struct);
        List<Record> out = new ArrayList<>((int) (end - start));
        for (long i = start; i < end; i++) {
            out.add(struct.isNull((int) i) ? null : new ArrowRecord(elementColumns, (int) i));
        }
        return out;
    }

    @Override
    public ValueType elementType(String field) {
        FieldVector list = require(field, ValueType.LIST);
        ValueVector data = list instanceof ListVector
                ? ((ListVector) list).getDataVector()
                : ((LargeListVector) list).getDataVector();
        return typeOf(data);
    }

    @Override
    public String describe(String field) {
        FieldVector vector = columns.get(field);
        if (vector == null) {
            return "absent";
        }
        if (vector.isNull(index)) {
            return "null";
        }
        Object value = vector.getObject(index);
        String text = String.valueOf(value);
        return typeOf(vector) == ValueType.TEXT ? Values.quote(text) : Values.shorten(text);
    }

    private FieldVector require(String field, ValueType expected) {
        FieldVector vector = columns.get(field);
        ValueType type = type(field);
        if (type != expected) {
            throw new IllegalStateException("field '" + field + "' is " + type + ", expected " + expected);
        }
        return vector;
    }
}
