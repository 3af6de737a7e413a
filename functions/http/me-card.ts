import { memberRoutes } from '../../shared/contract/routes/member';
import { memberCard } from '../domain/card';
import { handle } from './route';

/** The one card: tier, points, progress to the next tier, usable coupons. (memberRoutes.meCard) */
export const handler = handle(memberRoutes.meCard, ({ caller }) => memberCard(caller.memberId));
