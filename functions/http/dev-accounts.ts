import { memberRoutes } from '../../shared/contract/routes/member';
import { devAccounts } from '../domain/demo';
import { config } from '../lib/config';
import { NotFoundError } from '../lib/errors';
import { handle } from './route';

/** The demo chain's accounts (memberRoutes.devAccounts); exists on the local stage only. */
export const handler = handle(memberRoutes.devAccounts, async () => {
  if (config.stage !== 'local') throw new NotFoundError('route_not_found', 'No such route');
  return { items: await devAccounts() };
});
