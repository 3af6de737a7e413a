import { pushesRoutes } from '../../shared/contract/routes/pushes';
import { myProfile } from '../domain/profile';
import { handle } from './route';

/** The member's own data. (pushesRoutes.meProfile) */
export const handler = handle(pushesRoutes.meProfile, ({ caller }) => myProfile(caller.memberId));
