import { routes } from '../../shared/contract/routes';
import { memberCard } from '../domain/card';
import { handle } from './route';

/** The one card: tier, points, progress to the next tier, usable coupons. (routes.meCard) */
export const handler = handle(routes.meCard, ({ caller }) => memberCard(caller.memberId));
