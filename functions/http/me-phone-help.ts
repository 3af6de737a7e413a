import { identityRoutes } from '../../shared/contract/routes/identity';
import { requestPhoneHelp } from '../domain/duplicates';
import { handle } from './route';

/** 申请人工处理 of a phone bound to another WeChat member. (identityRoutes.mePhoneHelp) */
export const handler = handle(identityRoutes.mePhoneHelp, ({ caller, body }) => requestPhoneHelp(caller.memberId, body.note));
