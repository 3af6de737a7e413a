import { issuePendingCrossStore } from '../domain/cross-store';
import { scheduled } from './scheduled';

/**
 * Every few minutes: cross-store coupons a committed checkout still owes a minute later (its request
 * died between the commit and the follow-up, and no retry of its key came) — SCALE.md.
 */
export const handler = scheduled('cross-store', () => issuePendingCrossStore());
