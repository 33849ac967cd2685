// The Confluent compatibility levels as data: which reading directions each one demands and
// whether it holds against the latest version only or against every version.

/**
 * backward: the new schema reads data written with an older version (upgrade consumers first).
 * forward: an older schema reads data written with the new one (upgrade producers first).
 */
export type CompatDirection = 'backward' | 'forward';

export const COMPAT_LEVELS = {
  NONE: { directions: [], transitive: false },
  BACKWARD: { directions: ['backward'], transitive: false },
  BACKWARD_TRANSITIVE: { directions: ['backward'], transitive: true },
  FORWARD: { directions: ['forward'], transitive: false },
  FORWARD_TRANSITIVE: { directions: ['forward'], transitive: true },
  FULL: { directions: ['backward', 'forward'], transitive: false },
  FULL_TRANSITIVE: { directions: ['backward', 'forward'], transitive: true },
} as const satisfies Record<string, { directions: readonly CompatDirection[]; transitive: boolean }>;

export type CompatLevel = keyof typeof COMPAT_LEVELS;

export const COMPAT_LEVEL_NAMES = Object.keys(COMPAT_LEVELS) as CompatLevel[];

export function isCompatLevel(value: string): value is CompatLevel {
  return Object.hasOwn(COMPAT_LEVELS, value);
}
