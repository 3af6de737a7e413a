import { counterRoutes } from '../../shared/contract/routes/counter';
import { visitByPhone } from '../domain/walk-in';
import { handle } from './route';

/** The customer gives their phone instead of the code (报手机号积分). (counterRoutes.staffPhoneVisit) */
export const handler = handle(counterRoutes.staffPhoneVisit, ({ caller, body }) => visitByPhone(caller, body.phone, body.nickname));
