// Writing a command's output with backpressure. `write` resolves once the stream can take
// more (after 'drain'), so a command that awaits it reads no faster than its reader reads.
// A stream error (EPIPE when the reader went away, as in `| head`) is remembered and thrown
// from the next write instead of escaping as an unhandled 'error' event.

export interface Output {
  write(text: string): Promise<void>;
  /** Detaches the listeners; the stream stays open. */
  release(): void;
}

export function createOutput(stream: NodeJS.WritableStream): Output {
  let failure: Error | undefined;
  let waiting: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const onError = (error: Error): void => {
    failure ??= error;
    waiting?.reject(error);
  };
  const onDrain = (): void => waiting?.resolve();
  const onClose = (): void => onError(Object.assign(new Error('output closed'), { code: 'EPIPE' }));
  stream.on('error', onError);
  stream.on('drain', onDrain);
  stream.on('close', onClose);

  return {
    async write(text) {
      if (failure !== undefined) throw failure;
      if (stream.write(text)) return;
      if (failure !== undefined) throw failure;
      try {
        await new Promise<void>((resolve, reject) => { waiting = { resolve, reject }; });
      } finally {
        waiting = undefined;
      }
    },
    release() {
      stream.off('error', onError);
      stream.off('drain', onDrain);
      stream.off('close', onClose);
    },
  };
}
