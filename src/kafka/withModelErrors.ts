// An adapter's objects with their rejections translated into the error model (src/errors.ts) at
// the adapter's edge, whichever client library sits underneath.
type AnyFunction = (...args: never[]) => unknown;

/**
 * The same object, each of its methods' rejections passed through `translate`. Synchronous
 * results (listener registration) pass through untouched.
 */
export function withModelErrors<T extends object>(target: T, translate: (error: unknown) => unknown): T {
  const wrapped = { ...target } as Record<string, unknown>;
  for (const [name, member] of Object.entries(target)) {
    if (typeof member !== 'function') continue;
    wrapped[name] = (...args: never[]) => {
      const result = (member as AnyFunction).apply(target, args);
      return result instanceof Promise
        ? result.catch((error: unknown) => { throw translate(error); })
        : result;
    };
  }
  return wrapped as T;
}
