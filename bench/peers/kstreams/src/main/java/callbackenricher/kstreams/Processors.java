package callbackenricher.kstreams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** The three steps of the topology that need the record's metadata or headers. */
final class Processors {
  private Processors() {}

  /** Base: keeps the context. */
  private abstract static class Step<V, R> implements FixedKeyProcessor<byte[], V, R> {
    FixedKeyProcessorContext<byte[], R> context;

    @Override
    public void init(FixedKeyProcessorContext<byte[], R> context) {
      this.context = context;
    }
  }

  /** Input bytes → Parsed (mapped callback or rejection). */
  static final class Decode extends Step<byte[], Parsed> {
    private final CallbackDecoder decoder;

    Decode(CallbackDecoder decoder) {
      this.decoder = decoder;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
      RecordMetadata meta = context.recordMetadata().orElseThrow();
      context.forward(record.withValue(decoder.parse(record.value(), meta.topic(), meta.partition(), meta.offset(), record.timestamp())));
    }
  }

  /** Mapped callback + campaign → enriched record in wire format, with the trace headers. */
  static final class Enrich extends Step<Parsed, byte[]> {
    private final Enricher enricher;
    private final GenericDatumWriter<GenericRecord> writer;
    private final int outputSchemaId;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
    private BinaryEncoder encoder;

    Enrich(Enricher enricher, org.apache.avro.Schema enrichedSchema, int outputSchemaId) {
      this.enricher = enricher;
      this.writer = new GenericDatumWriter<>(enrichedSchema);
      this.outputSchemaId = outputSchemaId;
    }

    @Override
    public void process(FixedKeyRecord<byte[], Parsed> record) {
      Parsed parsed = record.value();
      GenericRecord enriched = enricher.enrich(parsed.callback(), parsed.unknownEnumValues(), parsed.campaign(), parsed.source());
      Headers headers = record.headers();
      Enricher.Source source = parsed.source();
      headers.add("source.topic", utf8(source.topic()));
      headers.add("source.partition", utf8(Integer.toString(source.partition())));
      headers.add("source.offset", utf8(Long.toString(source.offset())));
      headers.add("event.id", utf8(enriched.get("eventId").toString()));
      context.forward(record.withValue(WireFormat.frame(outputSchemaId, encode(enriched))));
    }

    private byte[] encode(GenericRecord enriched) {
      try {
        buffer.reset();
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        writer.write(enriched, encoder);
        encoder.flush();
        return buffer.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Rejection → the DLQ record: input key, value and headers untouched, plus the dlq.* headers. */
  static final class DeadLetter extends Step<Parsed, byte[]> {
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_ERROR_LENGTH = 1000;
    private final String instanceId;

    DeadLetter(String instanceId) {
      this.instanceId = instanceId;
    }

    @Override
    public void process(FixedKeyRecord<byte[], Parsed> record) {
      RecordMetadata meta = context.recordMetadata().orElseThrow();
      Parsed.Rejection rejection = record.value().rejection();
      Headers headers = record.headers();
      // dlq.* headers of an earlier failure describe that failure; only the replay count travels on.
      List<String> stale = new ArrayList<>();
      for (Header header : headers) {
        if (header.key().startsWith("dlq.") && !header.key().equals("dlq.replays")) stale.add(header.key());
      }
      stale.forEach(headers::remove);
      headers.add("dlq.reason", utf8(rejection.reason()));
      headers.add("dlq.error", utf8(truncate(rejection.message())));
      headers.add("dlq.source.topic", utf8(meta.topic()));
      headers.add("dlq.source.partition", utf8(Integer.toString(meta.partition())));
      headers.add("dlq.source.offset", utf8(Long.toString(meta.offset())));
      headers.add("dlq.failed.at", utf8(ISO_MILLIS.format(java.time.Instant.now())));
      headers.add("dlq.worker", utf8(instanceId));
      if (rejection.schemaId() != null) headers.add("dlq.schema.id", utf8(Integer.toUnsignedString(rejection.schemaId())));
      context.forward(record.withValue(record.value().original()));
    }

    private static String truncate(String text) {
      return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
