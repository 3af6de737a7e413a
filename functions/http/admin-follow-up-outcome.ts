import { ratingsRoutes } from '../../shared/contract/routes/ratings';
import { recordFollowUpOutcome } from '../domain/follow-ups';
import { handle } from './route';

/** 记录跟进: 已联系 (a step) or 已解决 / 无法联系 (the close), a note, optional goodwill coupon; one audited transaction. (ratingsRoutes.adminFollowUpOutcome) */
export const handler = handle(ratingsRoutes.adminFollowUpOutcome, ({ caller, params, body, idempotencyKey }) =>
  recordFollowUpOutcome(caller, params.id, body, idempotencyKey),
);
