import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import { indexItems } from './query';
import type { CheckoutRecord, CheckoutReversalRecord } from './records';
import type { LabeledItem } from './transactions';
import { memberVisitPutItem } from './visits';

export async function getCheckout(checkoutId: string): Promise<CheckoutRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: table(), Key: keys.checkout(checkoutId), ConsistentRead: true }),
  );
  return Item as CheckoutRecord | undefined;
}

/** The bill itself plus the claim that makes a receipt number earn once per store. */
export function checkoutPutItems(checkout: CheckoutRecord): LabeledItem[] {
  return [
    {
      label: 'receipt',
      item: {
        Put: {
          TableName: table(),
          Item: { ...keys.receipt(checkout.storeId, checkout.receiptNo), checkoutId: checkout.checkoutId },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    {
      label: 'checkout',
      item: {
        Put: {
          TableName: table(),
          Item: {
            ...keys.checkout(checkout.checkoutId),
            gsi1pk: keys.storeCheckoutsIndex.pk(checkout.storeId, checkout.businessDate),
            gsi1sk: keys.storeCheckoutsIndex.sort(checkout.at, checkout.checkoutId, 'CHECKOUT'),
            ...checkout,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    memberVisitPutItem({ memberId: checkout.memberId, at: checkout.at, ref: checkout.checkoutId, kind: 'purchase', storeId: checkout.storeId, amountFen: checkout.payableFen }),
  ];
}

/** A checkout is reversed at most once, whichever key or manager asks. */
export function reversalPutItem(bill: CheckoutRecord, reversal: CheckoutReversalRecord): LabeledItem {
  return {
    label: 'reversal',
    item: {
      Put: {
        TableName: table(),
        Item: {
          ...keys.checkoutReversal(bill.checkoutId),
          gsi1pk: keys.storeCheckoutsIndex.pk(bill.storeId, bill.businessDate),
          gsi1sk: keys.storeCheckoutsIndex.sort(bill.at, bill.checkoutId, 'REVERSAL'),
          ...reversal,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** A store's bills of a business day, newest first, each with its reversal if any (index: lists only). */
export async function storeDayCheckouts(storeId: string, date: string): Promise<Array<{ bill: CheckoutRecord; reversal: CheckoutReversalRecord | null }>> {
  const items = await indexItems<(CheckoutRecord | CheckoutReversalRecord) & { sk: string }>(
    keys.storeCheckoutsIndex.name,
    'gsi1pk',
    keys.storeCheckoutsIndex.pk(storeId, date),
    true,
  );
  const reversals = new Map(items.filter((i) => i.sk === keys.checkoutReversal('').sk).map((r) => [r.checkoutId, r as CheckoutReversalRecord]));
  return items
    .filter((i) => i.sk === keys.checkout('').sk)
    .map((bill) => ({ bill: bill as CheckoutRecord, reversal: reversals.get(bill.checkoutId) ?? null }));
}
