/**
 * Reads serverless.yml, the one description of the API's routes and the table, so the local
 * stack and the tests use exactly what gets deployed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface FunctionDefinition {
  name: string;
  /** e.g. functions/http/me-card.handler */
  handler: string;
  /** Source file of the handler, relative to the repo root. */
  entry: string;
  exportName: string;
  routes: Array<{ method: string; path: string }>;
  schedules: string[];
  /** The function's own timeout in seconds, if serverless.yml sets one (else the provider's). */
  timeoutSeconds?: number;
}

export interface TableDefinition {
  AttributeDefinitions: Array<{ AttributeName: string; AttributeType: string }>;
  KeySchema: Array<{ AttributeName: string; KeyType: string }>;
  GlobalSecondaryIndexes?: Array<{
    IndexName: string;
    KeySchema: Array<{ AttributeName: string; KeyType: string }>;
    Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
  }>;
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
}

export const ROOT = join(__dirname, '..', '..');

// CloudFormation's short-form intrinsics are just data here.
const customTags = ['!GetAtt', '!Ref', '!Sub'].map((tag) => ({ tag, resolve: (value: string) => value }));
const seqTags = ['!Join', '!Select', '!Split'].map((tag) => ({ tag, collection: 'seq' as const, resolve: (value: unknown) => value }));

function serverlessYml(): any {
  return parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), { customTags: [...customTags, ...seqTags] as never });
}

export function functionDefinitions(): FunctionDefinition[] {
  const functions = serverlessYml().functions as Record<string, { handler: string; timeout?: number; events?: any[] }>;
  return Object.entries(functions).map(([name, fn]) => {
    const dot = fn.handler.lastIndexOf('.');
    const routes: FunctionDefinition['routes'] = [];
    const schedules: string[] = [];
    for (const event of fn.events ?? []) {
      if (event.httpApi === '*') routes.push({ method: '*', path: '*' });
      else if (event.httpApi) routes.push({ method: String(event.httpApi.method).toUpperCase(), path: event.httpApi.path });
      if (event.schedule) schedules.push(typeof event.schedule === 'string' ? event.schedule : event.schedule.rate);
    }
    return {
      name,
      handler: fn.handler,
      entry: `${fn.handler.slice(0, dot)}.ts`,
      exportName: fn.handler.slice(dot + 1),
      routes,
      schedules: schedules.map((expression) => resolveSelf(expression)),
      ...(typeof fn.timeout === 'number' ? { timeoutSeconds: fn.timeout } : {}),
    };
  });
}

/** `${self:custom.schedules.daily}` and the like: the value serverless.yml gives that path. */
function resolveSelf(value: string): string {
  return value.replace(/^\$\{self:([\w.]+)\}$/, (_, path: string) => String(path.split('.').reduce<any>((node, key) => node?.[key], serverlessYml())));
}

/** The table's key schema and indexes as serverless.yml declares them. */
export function tableDefinition(): TableDefinition {
  const resources = serverlessYml().resources.Resources as Record<string, { Type: string; Properties: TableDefinition }>;
  const table = Object.values(resources).find((r) => r.Type === 'AWS::DynamoDB::Table');
  if (!table) throw new Error('serverless.yml declares no DynamoDB table');
  return table.Properties;
}

/**
 * serverless.yml's provider environment as a stage resolves it: `${sls:stage}`, `${self:…}`,
 * `${param:…}` (the stage's params over the defaults), `${env:NAME, 'fallback'}` and
 * `${opt:…, 'fallback'}`. The local API sets exactly these, so it runs the handlers with the
 * configuration that deploys, not a copy of it.
 */
export function providerEnvironment(stage: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const yml = serverlessYml();
  const params = { ...(yml.params?.default ?? {}), ...(yml.params?.[stage] ?? {}) } as Record<string, unknown>;
  const lookup = (path: string): unknown => path.split('.').reduce<any>((node, key) => node?.[key], yml);
  const resolve = (value: unknown, depth = 0): string => {
    if (depth > 10) throw new Error(`serverless.yml: variables nested too deep in ${String(value)}`);
    return String(value ?? '').replace(/\$\{([^{}]+)\}/g, (_, expression: string) => {
      const [reference, ...fallbackParts] = expression.split(',');
      const fallback = fallbackParts
        .join(',')
        .trim()
        .replace(/^'(.*)'$/, '$1');
      const [source, name] = [reference!.slice(0, reference!.indexOf(':')).trim(), reference!.slice(reference!.indexOf(':') + 1).trim()];
      const found =
        source === 'sls' && name === 'stage' ? stage : source === 'self' ? lookup(name) : source === 'param' ? params[name] : source === 'env' ? env[name] : undefined; // opt: no command-line options here
      if (found === undefined || found === null) {
        if (fallbackParts.length === 0 && source !== 'env' && source !== 'opt') throw new Error(`serverless.yml: \${${expression}} has no value for stage ${stage}`);
        return resolve(fallback, depth + 1);
      }
      return resolve(found, depth + 1);
    });
  };
  const environment = (yml.provider?.environment ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, resolve(value)]));
}

/** The functions' timeout on a stage, in seconds (provider.timeout). */
export function functionTimeoutSeconds(stage: string): number {
  const yml = serverlessYml();
  const params = { ...(yml.params?.default ?? {}), ...(yml.params?.[stage] ?? {}) } as Record<string, unknown>;
  const raw = String(yml.provider?.timeout ?? 6).replace(/^\$\{param:(\w+)\}$/, (_, name: string) => String(params[name]));
  return Number(raw);
}
