import { pushesRoutes } from '../../shared/contract/routes/pushes';
import { config } from '../lib/config';
import { handle } from './route';

/** Which template ids the app asks the member to accept, per purpose (pushesRoutes.messageTemplates). */
export const handler = handle(pushesRoutes.messageTemplates, async () => config.messageTemplates);
