import { routes } from '../../shared/contract/routes';
import { updateProfile } from '../domain/profile';
import { handle } from './route';

/** The member corrects their data. (routes.meProfileUpdate) */
export const handler = handle(routes.meProfileUpdate, ({ caller, body }) => updateProfile(caller.memberId, body));
