// The worker's whole configuration: every section (parseConfigSections), flattened into the
// Config the worker's factories take their slices from.
import type { Config } from './config.js';
import { deepFreeze } from './configParts.js';
import { SECTION_NAMES } from './configSections.js';
import { NODE_IO, parseConfigSections, type ConfigIo } from './parseConfigSections.js';
import { hideSecretsWhenPrinted } from './redactConfig.js';

export type { ConfigIo } from './parseConfigSections.js';

/** Throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>, io: ConfigIo = NODE_IO): Config {
  const { kafka, registry, topics, worker, enrich, log } = parseConfigSections(env, SECTION_NAMES, io);
  return deepFreeze(hideSecretsWhenPrinted({ kafka, registry, topics, ...worker, ...enrich, ...log }));
}
