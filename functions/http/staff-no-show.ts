import { counterRoutes } from '../../shared/contract/routes/counter';
import { markNoShow } from '../domain/booking-staff';
import { handle } from './route';

/** After the slot ended, counted on the member. (counterRoutes.staffNoShow) */
export const handler = handle(counterRoutes.staffNoShow, ({ caller, params }) => markNoShow(caller, params.bookingId));
