// Which route topics an enriched record is copied to. Rules match the canonical values (after
// the enum fallback), so `OutdatedSdkVersion` can be routed too; an absent state or direction
// matches no rule that names that field.
import type { EnrichedConversationCallback } from '../model/types.js';
import type { RouteRule } from './parseRoutes.js';

function matchesField<T extends string>(allowed: readonly T[] | undefined, actual: T | undefined): boolean {
  return allowed === undefined || (actual !== undefined && allowed.includes(actual));
}

function matchesRule(rule: RouteRule, enriched: EnrichedConversationCallback): boolean {
  return (
    matchesField(rule.when.outcome, enriched.derived.outcome) &&
    matchesField(rule.when.state, enriched.callback.state) &&
    matchesField(rule.when.direction, enriched.callback.direction)
  );
}

/** Distinct topics, in rule order: two rules naming one topic still give one copy. */
export function selectRoutes(rules: readonly RouteRule[], enriched: EnrichedConversationCallback): string[] {
  const topics: string[] = [];
  for (const rule of rules) {
    if (!topics.includes(rule.topic) && matchesRule(rule, enriched)) topics.push(rule.topic);
  }
  return topics;
}
