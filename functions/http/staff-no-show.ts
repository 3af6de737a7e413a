import { routes } from '../../shared/contract/routes';
import { markNoShow } from '../domain/booking-staff';
import { handle } from './route';

/** After the slot ended, counted on the member. (routes.staffNoShow) */
export const handler = handle(routes.staffNoShow, ({ caller, params }) => markNoShow(caller, params.bookingId));
