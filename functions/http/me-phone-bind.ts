import { identityRoutes } from '../../shared/contract/routes/identity';
import { bindPhone } from '../domain/phone-binding';
import { handle } from './route';

/** 绑定手机号: the phone becomes the member's, or a walk-in holding it is merged into this card. (identityRoutes.mePhoneBind) */
export const handler = handle(identityRoutes.mePhoneBind, ({ caller, body, idempotencyKey }) => bindPhone(caller.memberId, body.code, idempotencyKey));
