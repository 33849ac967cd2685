package callbackenricher.kstreams;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Wire header → writer schema → Avro decode → model mapping, each failure a rejection with the
 * worker's reason. Decoded with the writer's schema as both writer and reader: a reader enum with
 * a default would replace an unknown symbol before the fallback could record it.
 */
final class CallbackDecoder {
  private final RegistryClient registry;
  private final CallbackMapper mapper;
  private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();
  private BinaryDecoder reusedDecoder;

  CallbackDecoder(RegistryClient registry, CallbackMapper mapper) {
    this.registry = registry;
    this.mapper = mapper;
  }

  Parsed parse(byte[] value, String topic, int partition, long offset, long timestamp) {
    String headerProblem = WireFormat.headerProblem(value);
    if (headerProblem != null) return Parsed.rejected(value, "MAGIC_BYTE", headerProblem, null);
    int schemaId = WireFormat.schemaId(value);
    Optional<Schema> writer = registry.schemaById(schemaId);
    if (writer.isEmpty()) {
      return Parsed.rejected(value, "UNKNOWN_SCHEMA", "schema id " + Integer.toUnsignedString(schemaId) + " is not in the registry", schemaId);
    }
    GenericRecord record;
    try {
      GenericDatumReader<GenericRecord> reader = readers.computeIfAbsent(schemaId, id -> new GenericDatumReader<>(writer.get(), writer.get()));
      reusedDecoder = DecoderFactory.get().binaryDecoder(value, WireFormat.HEADER_BYTES, value.length - WireFormat.HEADER_BYTES, reusedDecoder);
      record = reader.read(null, reusedDecoder);
      if (!reusedDecoder.isEnd()) return Parsed.rejected(value, "DECODE_ERROR", "trailing bytes after the Avro body", schemaId);
    } catch (IOException | RuntimeException e) {
      return Parsed.rejected(value, "DECODE_ERROR", "Avro body does not decode with schema " + schemaId + ": " + e, schemaId);
    }
    Map<String, String> unknown = new TreeMap<>();
    try {
      GenericRecord callback = mapper.map(record, unknown);
      return Parsed.mapped(callback, unknown, new Enricher.Source(topic, partition, offset, timestamp, schemaId));
    } catch (CallbackMapper.MappingException e) {
      return Parsed.rejected(value, "MAPPING_ERROR", e.getMessage(), schemaId);
    }
  }
}
