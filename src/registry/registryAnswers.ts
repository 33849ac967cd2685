// The shapes of the registry's JSON answers, validated instead of cast: a proxy's HTML page or a
// registry that speaks another API must not turn into `undefined` ids deep inside the tools.
import { z } from 'zod';
import { RegistryUnavailableError } from './registryErrors.js';

/** GET /schemas/ids/{id} */
export const SCHEMA_BY_ID = z.object({ schema: z.string(), schemaType: z.string().optional() });
/** POST /subjects/{subject}/versions */
export const REGISTERED_ID = z.object({ id: z.number().int() });
/** GET /subjects/{subject}/versions/{version} */
export const SUBJECT_VERSION = z.object({ id: z.number().int(), version: z.number().int(), schema: z.string() });
/** GET /subjects/{subject}/versions */
export const VERSION_LIST = z.array(z.number().int());
/** GET /config[/{subject}] (Confluent says compatibilityLevel; some registries compatibility) and Apicurio's rules (config). */
export const COMPAT_SETTING = z.object({
  compatibilityLevel: z.string().optional(),
  compatibility: z.string().optional(),
  config: z.string().optional(),
});

/** The answer as its schema says, or a retriable error: the registry did not answer usefully. */
export function readAnswer<T>(schema: z.ZodType<T>, answer: unknown, request: string): T {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new RegistryUnavailableError(`schema registry gave an unexpected answer to ${request}: ${issue?.message ?? 'invalid'}${where}`);
}
