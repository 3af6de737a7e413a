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
  const functions = serverlessYml().functions as Record<string, { handler: string; events?: any[] }>;
  return Object.entries(functions).map(([name, fn]) => {
    const dot = fn.handler.lastIndexOf('.');
    const routes: FunctionDefinition['routes'] = [];
    const schedules: string[] = [];
    for (const event of fn.events ?? []) {
      if (event.httpApi === '*') routes.push({ method: '*', path: '*' });
      else if (event.httpApi) routes.push({ method: String(event.httpApi.method).toUpperCase(), path: event.httpApi.path });
      if (event.schedule) schedules.push(typeof event.schedule === 'string' ? event.schedule : event.schedule.rate);
    }
    return { name, handler: fn.handler, entry: `${fn.handler.slice(0, dot)}.ts`, exportName: fn.handler.slice(dot + 1), routes, schedules };
  });
}

/** The table's key schema and indexes as serverless.yml declares them. */
export function tableDefinition(): TableDefinition {
  const resources = serverlessYml().resources.Resources as Record<string, { Type: string; Properties: TableDefinition }>;
  const table = Object.values(resources).find((r) => r.Type === 'AWS::DynamoDB::Table');
  if (!table) throw new Error('serverless.yml declares no DynamoDB table');
  return table.Properties;
}
