package callbackenricher.kstreams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;

/**
 * A callback decoded with its writer's schema → the output's callback record (CONTRACT §1): fields
 * copied by name, so newer writers (extra fields) and older ones (enums as plain strings) both
 * map; enums through the SDK's fallback with the raw value kept in unknownEnumValues; a value of
 * the wrong type rejects the whole record (MAPPING_ERROR), as the worker's mapper does.
 */
final class CallbackMapper {
  static final class MappingException extends Exception {
    MappingException(String path, String message) {
      super(path.isEmpty() ? message : path + ": " + message);
    }
  }

  /** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z, as src/model/dateTime.ts. */
  private static final long MIN_DATE_TIME = -62_167_219_200_000L;
  private static final long MAX_DATE_TIME = 253_402_300_799_999L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Schema callbackSchema;

  CallbackMapper(Schema callbackSchema) {
    this.callbackSchema = callbackSchema;
  }

  /** Fills `unknownEnumValues` with field path → raw value of every enum that fell back. */
  GenericRecord map(GenericRecord writerRecord, Map<String, String> unknownEnumValues) throws MappingException {
    return mapRecord(callbackSchema, writerRecord, "", unknownEnumValues);
  }

  private GenericRecord mapRecord(Schema target, Object source, String path, Map<String, String> unknown)
      throws MappingException {
    if (!(source instanceof GenericRecord record)) throw new MappingException(path, "not an object");
    GenericRecord out = new GenericData.Record(target);
    for (Schema.Field field : target.getFields()) {
      Object value = record.getSchema().getField(field.name()) == null ? null : record.get(field.name());
      if (value == null) continue;
      String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
      out.put(field.pos(), mapValue(nonNull(field.schema()), value, fieldPath, unknown));
    }
    return out;
  }

  private Object mapValue(Schema type, Object value, String path, Map<String, String> unknown) throws MappingException {
    switch (type.getType()) {
      case STRING:
        if (!(value instanceof CharSequence text)) throw new MappingException(path, "not a string");
        String string = text.toString();
        if (path.endsWith("additionalProperties")) requireJsonObject(string, path);
        return string;
      case BOOLEAN:
        if (!(value instanceof Boolean)) throw new MappingException(path, "not a boolean");
        return value;
      case INT:
        if (value instanceof Integer) return value;
        if (value instanceof Long l && l == l.intValue()) return l.intValue();
        throw new MappingException(path, "not a 32-bit integer");
      case LONG:
        // Every long of the input model is a date-time (timestamp-millis).
        if (!(value instanceof Long || value instanceof Integer)) throw new MappingException(path, "not a date-time");
        long millis = ((Number) value).longValue();
        if (millis < MIN_DATE_TIME || millis > MAX_DATE_TIME) throw new MappingException(path, "not a date-time");
        return millis;
      case ENUM:
        if (!(value instanceof GenericEnumSymbol<?> || value instanceof CharSequence)) {
          throw new MappingException(path, "not a string");
        }
        return EnumFallback.resolve(type, value.toString(), path, unknown);
      case RECORD:
        return mapRecord(type, value, path, unknown);
      case ARRAY:
        if (!(value instanceof List<?> list)) throw new MappingException(path, "not an array");
        List<Object> items = new ArrayList<>(list.size());
        Schema itemType = nonNull(type.getElementType());
        for (int i = 0; i < list.size(); i++) items.add(mapValue(itemType, list.get(i), path + "[" + i + "]", unknown));
        return new GenericData.Array<>(type, items);
      default:
        throw new IllegalStateException("the callback schema has no " + type.getType() + " field");
    }
  }

  private static void requireJsonObject(String text, String path) throws MappingException {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) throw new MappingException(path, "not a JSON object");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new MappingException(path, "not valid JSON");
    }
  }

  static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) return schema;
    return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
  }
}
