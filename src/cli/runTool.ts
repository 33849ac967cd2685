// The frame every tool command runs in: config, context, one place that turns failures into
// exit codes. Usage and connection problems are exit 2 (CONTRACT §5); a tool's own verdict
// (incompatible schema) is the number its body returns.
import type { SectionName } from '../config/config.js';
import { EXIT, type CliIo } from './io.js';
import { createToolContext, loadToolConfig, type ToolContext } from './createToolContext.js';
import { UsageError } from '../tools/options/parseOptionValues.js';
import { describeError } from '../errors.js';

/**
 * `sections`: the parts of the configuration the tool reads (the log level comes along); a
 * variable of another section, set or not, valid or not, does not concern it.
 */
export async function runTool<S extends SectionName>(
  io: CliIo,
  name: string,
  sections: readonly S[],
  body: (context: ToolContext<S>) => Promise<number>,
): Promise<number> {
  const config = loadToolConfig(io.env, sections);
  if (typeof config === 'string') {
    io.stderr.write(`callback-enricher ${name}: ${config}\n`);
    return EXIT.USAGE;
  }
  try {
    return await body(createToolContext(config, io.stderr, name));
  } catch (error) {
    // Messages of the shell's errors name method and path, never URLs with credentials.
    const message = error instanceof UsageError ? error.message : describeError(error);
    io.stderr.write(`callback-enricher ${name}: ${message}\n`);
    return EXIT.USAGE;
  }
}
