import { routes } from '../../shared/contract/routes';
import { chainStores } from '../domain/stores';
import { handle } from './route';

/** Every store of the chain. (routes.storesList) */
export const handler = handle(routes.storesList, async () => ({ items: await chainStores() }));
