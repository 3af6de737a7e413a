import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction item with a name, so a cancelled transaction can say which condition failed. */
export interface LabeledItem {
  label: string;
  item: TransactItem;
}

type Put = NonNullable<TransactItem['Put']>;
type Update = NonNullable<TransactItem['Update']>;
type Delete = NonNullable<TransactItem['Delete']>;

/**
 * A put in a transaction, under a condition. `'new'`: only while no item has its key — the claim
 * that makes a thing happen once (a receipt, a ledger entry, an idempotency key, a push marker).
 */
export function putItemTx(label: string, item: Record<string, unknown>, only?: 'new' | Omit<Put, 'TableName' | 'Item'>): LabeledItem {
  const condition = only === 'new' ? { ConditionExpression: 'attribute_not_exists(pk)' } : only;
  return { label, item: { Put: { TableName: table(), Item: item, ...condition } } };
}

export function updateItemTx(label: string, update: Omit<Update, 'TableName'>): LabeledItem {
  return { label, item: { Update: { TableName: table(), ...update } } };
}

export function deleteItemTx(label: string, del: Omit<Delete, 'TableName'>): LabeledItem {
  return { label, item: { Delete: { TableName: table(), ...del } } };
}

export type TransactionOutcome =
  | { ok: true }
  /** `failed` lists the labels whose condition did not hold; `conflict` means another write raced us. */
  | { ok: false; failed: string[]; conflict: boolean };

interface CancellationReason {
  Code?: string;
}

/** Runs the items as one all-or-nothing write and reports which conditions stopped it. */
export async function runTransaction(items: LabeledItem[]): Promise<TransactionOutcome> {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items.map((i) => i.item) }));
    return { ok: true };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'TransactionConflictException') return { ok: false, failed: [], conflict: true };
    if (name !== 'TransactionCanceledException') throw error;
    const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
    const failed = reasons.flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' && items[index] ? [items[index].label] : []));
    const conflict = reasons.some((reason) => reason.Code === 'TransactionConflict');
    return { ok: false, failed, conflict };
  }
}
