// `schema register`: every schema of avro/ under `<topic>-value` of the topic that carries it
// (TopicNameStrategy). Registering a schema the subject already has returns its id and version
// and changes nothing, so running it twice is safe.
import type { TopicsConfig } from '../../config/config.js';
import { valueSubject } from '../../kafka/topics.js';
import type { RegistryClient } from '../../registry/createRegistryClient.js';
import { projectSchemas, SCHEMA_FILES, type SchemaName } from '../../schemas/avroSchemas.js';

export interface RegisteredRow {
  file: string;
  subject: string;
  id: number;
  version: number;
  /** false when the subject already had this schema. */
  changed: boolean;
}

const TOPIC_OF: Readonly<Record<SchemaName, keyof TopicsConfig>> = {
  callback: 'input',
  enriched: 'output',
  campaign: 'campaign',
};

export async function registerProjectSchemas(registry: Pick<RegistryClient, 'registerSchema' | 'allVersions'>, topics: TopicsConfig): Promise<RegisteredRow[]> {
  const { schemas } = projectSchemas();
  const rows: RegisteredRow[] = [];
  for (const name of Object.keys(SCHEMA_FILES) as SchemaName[]) {
    const subject = valueSubject(topics[TOPIC_OF[name]]);
    const before = new Set((await registry.allVersions(subject)).map((v) => v.id));
    const id = await registry.registerSchema(subject, schemas[name]);
    // The newest version with this id: a schema registered again after others keeps its first version.
    const version = (await registry.allVersions(subject)).filter((v) => v.id === id).at(-1)?.version ?? 0;
    rows.push({ file: SCHEMA_FILES[name], subject, id, version, changed: !before.has(id) });
  }
  return rows;
}
