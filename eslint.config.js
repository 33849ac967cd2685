// ESLint keeps the shape of the code, not its formatting: the layers of STYLE.md (which folder of
// src/ may import which, and which library), and no import cycles. `npm run lint` runs it, plus
// madge for cycles made of type-only imports (import-x/no-cycle skips those).
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The layers, lowest first. A folder may import the folders below it, never one above it nor a
// sibling shell adapter: the core (model, enrich, pipeline) is pure; the shell wraps it.
const FORBIDDEN_FOLDERS = {
  streams: ['schemas', 'model', 'enrich', 'pipeline', 'config', 'registry', 'kafka', 'observability', 'worker', 'tools', 'cli'],
  schemas: ['streams', 'model', 'enrich', 'pipeline', 'config', 'registry', 'kafka', 'observability', 'worker', 'tools', 'cli'],
  model: ['enrich', 'pipeline', 'config', 'registry', 'kafka', 'observability', 'worker', 'tools', 'cli', 'streams'],
  enrich: ['pipeline', 'config', 'registry', 'kafka', 'observability', 'worker', 'tools', 'cli', 'streams'],
  pipeline: ['config', 'registry', 'kafka', 'observability', 'worker', 'tools', 'cli', 'streams'],
  config: ['registry', 'kafka', 'observability', 'worker', 'tools', 'cli'],
  registry: ['kafka', 'observability', 'worker', 'tools', 'cli'],
  kafka: ['registry', 'observability', 'worker', 'tools', 'cli'],
  observability: ['registry', 'kafka', 'worker', 'tools', 'cli'],
  worker: ['tools', 'cli'],
  tools: ['worker', 'cli'],
  cli: [],
};

const CORE = ['model', 'enrich', 'pipeline'];
const KAFKA_CLIENTS = ['kafkajs', '@platformatic/kafka'];
const REGISTRY_CLIENTS = ['@kafkajs/confluent-schema-registry'];
// I/O and process-wide state the pure core must not reach for (STYLE.md "Where I/O is allowed").
const IO_MODULES = [
  'pino', 'prom-client', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http',
  'https', 'node:https', 'child_process', 'node:child_process', 'worker_threads', 'node:worker_threads',
];

/** The libraries a folder must not import, with the reason shown in the error. */
function forbiddenPackages(folder) {
  const rules = [];
  if (folder !== 'kafka') rules.push({ names: KAFKA_CLIENTS, message: 'only src/kafka/ talks to a Kafka client library; use the StreamClient interface' });
  if (folder !== 'registry') rules.push({ names: REGISTRY_CLIENTS, message: 'only src/registry/ talks to the schema registry; use RegistryClient' });
  if (folder !== 'observability' && !CORE.includes(folder)) rules.push({ names: ['prom-client'], message: 'metrics live in src/observability/' });
  if (CORE.includes(folder) || folder === 'streams') {
    rules.push({ names: IO_MODULES, message: 'the functional core does no I/O: take it as an injected function or value' });
  }
  return rules;
}

function layerConfig(folder) {
  const packages = forbiddenPackages(folder);
  const zones = FORBIDDEN_FOLDERS[folder].map((from) => ({
    target: `./src/${folder}`,
    from: `./src/${from}`,
    message: `src/${folder}/ sits below src/${from}/ in the layers of STYLE.md`,
  }));
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: packages.flatMap(({ names, message }) => names.map((name) => ({ name, message }))),
        patterns: packages.map(({ names, message }) => ({ group: names.map((name) => `${name}/*`), message })),
      }],
      ...(zones.length > 0 ? { 'import-x/no-restricted-paths': ['error', { zones }] } : {}),
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.local/', 'coverage/', 'stack/', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      // Pragmatic: the codebase's own conventions, not a reformatting.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Control characters and runs of spaces in regexes are deliberate here (header and
      // terminal-output checks).
      'no-control-regex': 'off',
      'no-regex-spaces': 'off',
    },
  },
  {
    // Tests read JSON output loosely on purpose.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...Object.keys(FORBIDDEN_FOLDERS).map(layerConfig),
);
