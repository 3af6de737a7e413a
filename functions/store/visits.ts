import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import type { VisitRecord } from './records';

export async function putVisit(visit: VisitRecord): Promise<void> {
  // TTL removes it eventually (up to 48 h late); expiry itself is checked in the domain.
  const ttl = Math.floor(Date.parse(visit.expiresAt) / 1000) + 24 * 3600;
  await db().send(
    new PutCommand({
      TableName: table(),
      Item: { ...keys.visit(visit.visitId), ...visit, ttl },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getVisit(visitId: string): Promise<VisitRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: keys.visit(visitId), ConsistentRead: true }));
  return Item as VisitRecord | undefined;
}
