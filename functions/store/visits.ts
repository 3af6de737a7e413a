import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import type { VisitRecord } from './records';
import type { LabeledItem } from './transactions';

export function visitPutItem(visit: VisitRecord): LabeledItem {
  // TTL removes it eventually (up to 48 h late); expiry itself is checked in the domain.
  const ttl = Math.floor(Date.parse(visit.expiresAt) / 1000) + 24 * 3600;
  return {
    label: 'visit',
    item: {
      Put: {
        TableName: table(),
        Item: { ...keys.visit(visit.visitId), ...visit, ttl },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

export async function getVisit(visitId: string): Promise<VisitRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: keys.visit(visitId), ConsistentRead: true }));
  return Item as VisitRecord | undefined;
}

/** A visit in the member's history (PRODUCT.md § Lifecycle): a purchase or a checked-in booking. */
export function memberVisitPutItem(visit: { memberId: string; at: string; ref: string; kind: 'purchase' | 'booking'; storeId: string; amountFen: number }): LabeledItem {
  return {
    label: 'memberVisit',
    item: { Put: { TableName: table(), Item: { ...keys.memberVisit(visit.memberId, visit.at, visit.ref), ...visit } } },
  };
}
