// Route rules: extra copies of an enriched record to other topics, chosen by configuration
// (ROUTES / ROUTES_FILE, read by config/), not code. Unknown keys are errors rather than
// ignored: a typo such as `outcomes` would otherwise turn a rule into a catch-all.
import { z } from 'zod';
import { CALLBACK_OUTCOME_VALUES, DIRECTION_VALUES, STATE_VALUES } from '../model/enums.js';
import type { Result } from '../model/types.js';
import { describeError } from '../errors.js';

/** Kafka's own limits on topic names. */
const TOPIC_NAME = z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/, 'a Kafka topic name ([a-zA-Z0-9._-], 1–249 chars)');

const ROUTE_RULE = z.strictObject({
  topic: TOPIC_NAME,
  // Within a field any listed value matches; across fields all must match; {} matches everything.
  when: z.strictObject({
    outcome: z.array(z.enum(CALLBACK_OUTCOME_VALUES)).min(1).optional(),
    state: z.array(z.enum(STATE_VALUES)).min(1).optional(),
    direction: z.array(z.enum(DIRECTION_VALUES)).min(1).optional(),
  }),
});

const ROUTE_RULES = z.array(ROUTE_RULE);

export type RouteRule = z.infer<typeof ROUTE_RULE>;

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('; ');
}

/** Rules from JSON text: an array of `{ topic, when: { outcome?, state?, direction? } }`. */
export function parseRoutes(jsonText: string): Result<RouteRule[], string> {
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${describeError(error)}` };
  }
  const parsed = ROUTE_RULES.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: describeIssues(parsed.error) };
}
