import { pushesRoutes } from '../../shared/contract/routes/pushes';
import { setPreferences } from '../domain/profile';
import { handle } from './route';

/** One tap, PIPL art. 24. (pushesRoutes.mePreferences) */
export const handler = handle(pushesRoutes.mePreferences, ({ caller, body }) => setPreferences(caller.memberId, body));
