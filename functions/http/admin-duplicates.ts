import { identityRoutes } from '../../shared/contract/routes/identity';
import { openDuplicates } from '../domain/duplicates';
import { handle } from './route';

/** 重复会员: the open cases, both members side by side. (identityRoutes.adminDuplicates) */
export const handler = handle(identityRoutes.adminDuplicates, () => openDuplicates());
