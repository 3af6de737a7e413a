import { chainStores } from '../domain/stores';
import { api, ok } from '../lib/http';

/** GET /v1/stores — every store of the chain (public: shown before sign-in too). */
export const handler = api(async () => ok({ items: await chainStores() }));
