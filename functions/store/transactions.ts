import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from './client';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction item with a name, so a cancelled transaction can say which condition failed. */
export interface LabeledItem {
  label: string;
  item: TransactItem;
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
    const reasons = ((error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? []);
    const failed = reasons.flatMap((reason, index) =>
      reason.Code === 'ConditionalCheckFailed' && items[index] ? [items[index].label] : [],
    );
    const conflict = reasons.some((reason) => reason.Code === 'TransactionConflict');
    return { ok: false, failed, conflict };
  }
}
