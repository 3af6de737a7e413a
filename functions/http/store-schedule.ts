import { routes } from '../../shared/contract/routes';
import { storeSchedule } from '../domain/booking-admin';
import { handle } from './route';

/** Opening hours, closed days and booking policy. (routes.storeSchedule) */
export const handler = handle(routes.storeSchedule, ({ params }) => storeSchedule(params.storeId));
