import { identityRoutes } from '../../shared/contract/routes/identity';
import { decideDuplicate } from '../domain/duplicates';
import { handle } from './route';

/** HQ merges or rejects a 重复会员 case. (identityRoutes.adminDuplicateDecision) */
export const handler = handle(identityRoutes.adminDuplicateDecision, ({ caller, params, body }) => decideDuplicate(caller, params.caseId, body));
