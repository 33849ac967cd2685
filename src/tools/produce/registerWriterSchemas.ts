// Registers the writers `produce` writes with under `<topic>-value` (TopicNameStrategy) and
// returns their ids with parsed Types. Only the writers the run needs are registered: a plain run
// leaves the subject with the canonical schema alone.
import avro from 'avsc';
import { valueSubject } from '../../kafka/topics.js';
import type { RegistryClient } from '../../registry/createRegistryClient.js';
import { projectSchemas } from '../../schemas/avroSchemas.js';
import { deriveWriterSchemas } from '../generate/deriveWriterSchemas.js';
import type { WriterCodec, WriterCodecs } from '../generate/encodeEvent.js';
import type { EncodeRequest } from './packBatch.js';

export interface WriterNeeds {
  unknownEnum: boolean;
  evolved: boolean;
}

export async function registerWriterSchemas(registry: Pick<RegistryClient, 'registerSchema'>, topic: string, needs: WriterNeeds): Promise<WriterCodecs> {
  const writers = deriveWriterSchemas(projectSchemas().schemas.callback);
  const register = async (schema: object): Promise<WriterCodec> => ({
    schemaId: await registry.registerSchema(valueSubject(topic), schema),
    type: avro.Type.forSchema(schema as avro.Schema),
  });
  // In order, so the versions read canonical → unknown-enum → evolved in the subject's history.
  const canonical = await register(writers.canonical);
  const unknownEnum = needs.unknownEnum ? await register(writers.unknownEnum) : undefined;
  const evolved = needs.evolved ? await register(writers.evolved) : undefined;
  return { canonical, ...(unknownEnum ? { unknownEnum } : {}), ...(evolved ? { evolved } : {}) };
}

export async function registerCampaignCodec(registry: Pick<RegistryClient, 'registerSchema'>, topic: string): Promise<WriterCodec> {
  const { schemas, types } = projectSchemas();
  return { schemaId: await registry.registerSchema(valueSubject(topic), schemas.campaign), type: types.campaign };
}

/** The writers as schema JSON with their ids, for the encoding worker (Types do not cross threads). */
export function writerSchemasFor(codecs: WriterCodecs): EncodeRequest['writers'] {
  const writers = deriveWriterSchemas(projectSchemas().schemas.callback);
  return {
    canonical: { schemaId: codecs.canonical.schemaId, schema: writers.canonical },
    ...(codecs.unknownEnum ? { unknownEnum: { schemaId: codecs.unknownEnum.schemaId, schema: writers.unknownEnum } } : {}),
    ...(codecs.evolved ? { evolved: { schemaId: codecs.evolved.schemaId, schema: writers.evolved } } : {}),
  };
}
