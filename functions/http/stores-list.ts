import { memberRoutes } from '../../shared/contract/routes/member';
import { chainStores } from '../domain/stores';
import { handle } from './route';

/** Every store of the chain. (memberRoutes.storesList) */
export const handler = handle(memberRoutes.storesList, async () => ({ items: await chainStores() }));
