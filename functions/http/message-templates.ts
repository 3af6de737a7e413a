import { routes } from '../../shared/contract/routes';
import { config } from '../lib/config';
import { handle } from './route';

/** Which template ids the app asks the member to accept, per purpose (routes.messageTemplates). */
export const handler = handle(routes.messageTemplates, async () => config.messageTemplates);
