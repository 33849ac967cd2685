// What the tools (produce, schema, replay, tail) share: the sections of the configuration the
// tool reads (and no other: `schema check` needs no broker), a logger on stderr, and lazily the
// Kafka and registry clients of those sections.
import pino, { type Logger } from 'pino';
import type { ConfigSections, SectionName } from '../config/config.js';
import { ConfigError } from '../config/configError.js';
import { parseConfigSections, type ParsedSections } from '../config/parseConfigSections.js';
import { createStreamClientFromConfig } from '../kafka/createStreamClientFromConfig.js';
import type { StreamClient } from '../kafka/streamClient.js';
import { createRegistryClientFromConfig } from '../registry/createRegistryClientFromConfig.js';
import type { RegistryClient } from '../registry/createRegistryClient.js';

/** Every tool reads the log level besides its own sections. */
export type ToolConfig<S extends SectionName> = ParsedSections<S | 'log'>;

/** The clients exist on the context only when the tool asked for their section. */
export type ToolContext<S extends SectionName> = { config: ToolConfig<S>; logger: Logger }
  & ('kafka' extends S ? { kafka(): StreamClient } : unknown)
  & ('registry' extends S ? { registry(): RegistryClient } : unknown);

/** The tool's sections, or the reason they are invalid (a usage error naming every variable). */
export function loadToolConfig<S extends SectionName>(env: NodeJS.ProcessEnv, sections: readonly S[]): ToolConfig<S> | string {
  try {
    return parseConfigSections<S | 'log'>(env, [...sections, 'log']);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

function required<T>(section: T | undefined, name: SectionName): T {
  if (section === undefined) throw new Error(`the ${name} section of the configuration was not parsed for this tool`);
  return section;
}

export function createToolContext<S extends SectionName>(config: ToolConfig<S>, stderr: NodeJS.WritableStream, tool: string): ToolContext<S> {
  // JSON lines on stderr, like the worker's logs; stdout is the tool's output.
  const logger = pino({ level: config.log.logLevel, base: { tool } }, stderr as pino.DestinationStream);
  const sections = config as Partial<ConfigSections>;
  let kafka: StreamClient | undefined;
  let registry: RegistryClient | undefined;
  const context = {
    config,
    logger,
    kafka: () => {
      const slice = required(sections.kafka, 'kafka');
      return (kafka ??= createStreamClientFromConfig(slice, logger, `${slice.clientId}-${tool}`));
    },
    registry: () => (registry ??= createRegistryClientFromConfig(required(sections.registry, 'registry'), logger)),
  };
  return context as ToolContext<S>;
}
