/** Creates the table of serverless.yml in DynamoDB Local (same keys, indexes and TTL attribute). */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { localClient } from './dynamodb-local';
import { tableDefinition } from './serverless-config';

export async function tableExists(endpoint: string, tableName: string): Promise<boolean> {
  const client = localClient(endpoint);
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return false;
    throw error;
  } finally {
    client.destroy();
  }
}

/** Creates the table unless it exists; returns whether it was created. */
export async function ensureTable(endpoint: string, tableName: string): Promise<boolean> {
  if (await tableExists(endpoint, tableName)) return false;
  const definition = tableDefinition();
  const client = localClient(endpoint);
  try {
    const input: CreateTableCommandInput = {
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: definition.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
      KeySchema: definition.KeySchema as CreateTableCommandInput['KeySchema'],
      ...(definition.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes'] } : {}),
    };
    await client.send(new CreateTableCommand(input));
    const ttl = definition.TimeToLiveSpecification;
    if (ttl?.Enabled) {
      await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true } }));
    }
    return true;
  } finally {
    client.destroy();
  }
}

/**
 * Adds the indexes serverless.yml declares that an existing local table lacks (a demo kept across
 * upgrades), one at a time as DynamoDB requires.
 */
export async function ensureIndexes(endpoint: string, tableName: string): Promise<string[]> {
  const definition = tableDefinition();
  const client = localClient(endpoint);
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    const added: string[] = [];
    for (const index of definition.GlobalSecondaryIndexes ?? []) {
      if (present.has(index.IndexName)) continue;
      const attributes = new Set(index.KeySchema.map((k) => k.AttributeName));
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: definition.AttributeDefinitions.filter((a) => attributes.has(a.AttributeName)) as CreateTableCommandInput['AttributeDefinitions'],
          GlobalSecondaryIndexUpdates: [{ Create: index as NonNullable<CreateTableCommandInput['GlobalSecondaryIndexes']>[number] }],
        }),
      );
      added.push(index.IndexName);
    }
    return added;
  } finally {
    client.destroy();
  }
}

export async function dropTable(endpoint: string, tableName: string): Promise<void> {
  const client = localClient(endpoint);
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
  } finally {
    client.destroy();
  }
}
