package callbackenricher.kstreams;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The worker's job as named steps: decode → (DLQ | join campaign → enrich → output). Keys and
 * values stay bytes at the edges, so a key is carried as Kafka has it, whatever its encoding.
 */
final class EnricherTopology {
  record Topics(String input, String output, String dlq, String campaigns) {}

  private EnricherTopology() {}

  static Topology build(Topics topics, RegistryClient registry, Schema enrichedSchema, int outputSchemaId,
      String defaultPhoneRegion, String instanceId) {
    StreamsBuilder builder = new StreamsBuilder();
    GlobalKTable<String, GenericRecord> campaigns = builder.globalTable(topics.campaigns(),
        Consumed.with(Serdes.String(), CampaignSerde.create(registry)),
        // In memory, as the worker keeps its campaign table: no RocksDB for a few hundred rows.
        Materialized.<String, GenericRecord>as(Stores.inMemoryKeyValueStore("campaigns"))
            .withKeySerde(Serdes.String())
            .withValueSerde(CampaignSerde.create(registry)));

    CallbackMapper mapper = new CallbackMapper(enrichedSchema.getField("callback").schema());
    KStream<byte[], Parsed> parsed = builder
        .stream(topics.input(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .processValues(() -> new Processors.Decode(new CallbackDecoder(registry, mapper)), Named.as("decode"));

    Map<String, KStream<byte[], Parsed>> branches = parsed.split(Named.as("route-"))
        .branch((key, value) -> value.isRejected(), Branched.as("dlq"))
        .defaultBranch(Branched.as("mapped"));

    branches.get("route-dlq")
        .processValues(() -> new Processors.DeadLetter(instanceId), Named.as("dead-letter"))
        .to(topics.dlq(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));

    branches.get("route-mapped")
        // A left join: a callback without a campaign (or with an unknown one) is enriched too.
        .leftJoin(campaigns, (key, value) -> value.campaignId(), Parsed::withCampaign, Named.as("join-campaign"))
        .processValues(() -> new Processors.Enrich(new Enricher(enrichedSchema, defaultPhoneRegion), enrichedSchema, outputSchemaId),
            Named.as("enrich"))
        .to(topics.output(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    return builder.build();
  }
}
