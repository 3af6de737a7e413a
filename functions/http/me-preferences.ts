import { routes } from '../../shared/contract/routes';
import { setPreferences } from '../domain/profile';
import { handle } from './route';

/** One tap, PIPL art. 24. (routes.mePreferences) */
export const handler = handle(routes.mePreferences, ({ caller, body }) => setPreferences(caller.memberId, body));
