import { devAccounts } from '../domain/demo';
import { config } from '../lib/config';
import { NotFoundError } from '../lib/errors';
import { api, ok } from '../lib/http';

/** GET /v1/dev/accounts — the demo chain's accounts; exists on the local stage only. */
export const handler = api(async () => {
  if (config.stage !== 'local') throw new NotFoundError('route_not_found', 'No such route');
  return ok({ items: await devAccounts() });
});
