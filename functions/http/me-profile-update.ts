import { pushesRoutes } from '../../shared/contract/routes/pushes';
import { updateProfile } from '../domain/profile';
import { handle } from './route';

/** The member corrects their data. (pushesRoutes.meProfileUpdate) */
export const handler = handle(pushesRoutes.meProfileUpdate, ({ caller, body }) => updateProfile(caller.memberId, body));
