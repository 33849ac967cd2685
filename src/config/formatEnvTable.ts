// ENV_VARIABLES as text: the `worker --help` epilogue and the table of docs/configuration.md.
import { sectionOf } from './configSections.js';
import { ENV_VARIABLES, ENV_VARIABLE_NAMES, type EnvVariableName } from './envVariables.js';

function shownDefault(name: EnvVariableName): string {
  const { default: value } = ENV_VARIABLES[name];
  return value === undefined ? '(required)' : value === '' ? '(unset)' : value;
}

/** Plain text, one variable per line, for a terminal. */
export function formatEnvHelp(): string {
  const width = Math.max(...ENV_VARIABLE_NAMES.map((name) => name.length));
  const lines = ENV_VARIABLE_NAMES.map((name) => {
    const { description, secret } = ENV_VARIABLES[name];
    return `  ${name.padEnd(width)}  ${description}; default: ${shownDefault(name)}${secret ? ' [secret]' : ''}`;
  });
  return `Environment variables:\n${lines.join('\n')}\n`;
}

/** Text safe in a Markdown table cell: `|` would end the cell, `<name>` would vanish as an HTML tag. */
function markdownText(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

/** A Markdown table for docs/configuration.md (scripts/docs/docTables.ts puts it there). */
export function formatEnvMarkdown(): string {
  const rows = ENV_VARIABLE_NAMES.map((name) => {
    const { description, secret } = ENV_VARIABLES[name];
    return `| \`${name}\` | ${sectionOf(name)} | ${markdownText(shownDefault(name))} | ${markdownText(description)}${secret ? ' (secret: never logged)' : ''} |`;
  });
  return ['| variable | section | default | meaning |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}
