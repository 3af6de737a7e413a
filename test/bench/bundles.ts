/**
 * Each function's minified bundle (built with serverless.yml's own esbuild options, so the bundle
 * measured is the bundle deployed) and its `require` time, next to a bundle that holds only the
 * DynamoDB document client: the floor every function pays.
 */
import { build, type BuildOptions } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { functionDefinitions, ROOT } from '../../infra/local/serverless-config';

export interface BundleFigure {
  name: string;
  bytes: number;
  requireMs: number;
}

const OUT = join(process.cwd(), '.bench');

/** serverless-esbuild's own settings, which it drops before calling esbuild (its dist/bundle.js). */
const PLUGIN_ONLY = [
  'concurrency',
  'zipConcurrency',
  'exclude',
  'nativeZip',
  'packager',
  'packagePath',
  'watch',
  'keepOutputDirectory',
  'packagerOptions',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
];

/**
 * serverless.yml's `custom.esbuild`, as serverless-esbuild hands it to esbuild: its own settings
 * dropped, and `exclude` (KMS from the runtime, Powertools from the layer) made esbuild externals.
 */
export function deployedEsbuildOptions(): BuildOptions {
  // Only the esbuild section is read: CloudFormation's short-form tags elsewhere are not resolved.
  const yml = parseDocument(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'silent' }).toJS() as { custom: { esbuild: Record<string, unknown> } };
  const { exclude = [], external = [], ...rest } = yml.custom.esbuild as { exclude?: string[]; external?: string[] } & Record<string, unknown>;
  const options = Object.fromEntries(Object.entries(rest).filter(([key]) => !PLUGIN_ONLY.includes(key))) as BuildOptions;
  return { ...options, external: [...external, ...exclude] };
}

async function bundle(name: string, entry: string, options: BuildOptions): Promise<string> {
  const outfile = join(OUT, `${name}.js`);
  await build({ ...options, entryPoints: [entry], outfile, logLevel: 'error' });
  return outfile;
}

/** Median of several cold `require`s, each in a fresh Node process. */
function requireMs(file: string, runs = 5): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const times = Array.from({ length: runs }, () =>
    Number(
      execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TABLE_NAME: 'bench', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } })
        .toString()
        .trim(),
    ),
  ).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

/**
 * Whether the machine is idle enough for require times to mean something: measured during other
 * work (tests, builds) they swing by a factor of 3. Idle here: a 1-minute load average of at most
 * 0.5 per core.
 */
export function idleCheck(): { load1: number; cores: number; idle: boolean; text: string } {
  const [load1 = 0, load5 = 0] = loadavg();
  const cores = availableParallelism();
  const idle = load1 <= 0.5 * cores;
  const text = `load average ${load1.toFixed(2)} (1 min), ${load5.toFixed(2)} (5 min) on ${cores} cores`;
  return { load1, cores, idle, text };
}

export async function measureBundles(): Promise<BundleFigure[]> {
  mkdirSync(OUT, { recursive: true });
  const baselineEntry = join(OUT, 'baseline-entry.ts');
  writeFileSync(
    baselineEntry,
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nexport const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));\n",
  );
  const options = deployedEsbuildOptions();
  const figures: BundleFigure[] = [];
  for (const { name, entry } of [{ name: 'dynamodb-client-only', entry: baselineEntry }, ...functionDefinitions()]) {
    const file = await bundle(name, entry, options);
    figures.push({ name, bytes: statSync(file).size, requireMs: requireMs(file) });
  }
  return figures;
}
