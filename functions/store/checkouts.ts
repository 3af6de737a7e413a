import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import type { CheckoutRecord } from './records';
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
          Item: { ...keys.checkout(checkout.checkoutId), ...checkout },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    memberVisitPutItem({ memberId: checkout.memberId, at: checkout.at, ref: checkout.checkoutId, kind: 'purchase', storeId: checkout.storeId, amountFen: checkout.payableFen }),
  ];
}

/** A checkout is reversed at most once, whichever key or manager asks. */
export function reversalPutItem(checkoutId: string, staffId: string, at: string): LabeledItem {
  return {
    label: 'reversal',
    item: {
      Put: {
        TableName: table(),
        Item: { ...keys.checkoutReversal(checkoutId), checkoutId, staffId, at },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}
