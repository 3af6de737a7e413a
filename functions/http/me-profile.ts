import { routes } from '../../shared/contract/routes';
import { myProfile } from '../domain/profile';
import { handle } from './route';

/** The member's own data. (routes.meProfile) */
export const handler = handle(routes.meProfile, ({ caller }) => myProfile(caller.memberId));
