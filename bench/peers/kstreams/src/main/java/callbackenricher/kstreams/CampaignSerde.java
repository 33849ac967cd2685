package callbackenricher.kstreams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Campaign rows (Confluent wire format) for the GlobalKTable. The table's store keeps the rows in
 * the same format, so the serializer writes a row back under the id it was read with.
 */
final class CampaignSerde {
  private CampaignSerde() {}

  static Serde<GenericRecord> create(RegistryClient registry) {
    Map<Schema, Integer> idsBySchema = new ConcurrentHashMap<>();
    Deserializer<GenericRecord> deserializer = (topic, bytes) -> {
      if (bytes == null) return null; // a tombstone deletes the campaign
      if (WireFormat.headerProblem(bytes) != null) {
        System.err.println("campaign row on " + topic + " is not wire format: ignored");
        return null;
      }
      int id = WireFormat.schemaId(bytes);
      Optional<Schema> writer = registry.schemaById(id);
      if (writer.isEmpty()) return null;
      idsBySchema.putIfAbsent(writer.get(), id);
      try {
        return new GenericDatumReader<GenericRecord>(writer.get(), writer.get()).read(null,
            DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_BYTES, bytes.length - WireFormat.HEADER_BYTES, null));
      } catch (IOException | RuntimeException e) {
        System.err.println("campaign row on " + topic + " does not decode: ignored (" + e + ")");
        return null;
      }
    };
    Serializer<GenericRecord> serializer = (topic, record) -> {
      if (record == null) return null;
      return WireFormat.frame(idsBySchema.get(record.getSchema()), encode(record));
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  static byte[] encode(GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
