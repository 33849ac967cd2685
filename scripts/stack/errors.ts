/** A failure the user can act on: main.ts prints its message (no stack trace) and exits 1. */
export class StackError extends Error {
  override name = 'StackError';
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
