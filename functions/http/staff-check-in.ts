import { counterRoutes } from '../../shared/contract/routes/counter';
import { checkIn } from '../domain/booking-staff';
import { handle } from './route';

/** After a scan, at that store. (counterRoutes.staffCheckIn) */
export const handler = handle(counterRoutes.staffCheckIn, ({ caller, params }) => checkIn(caller, params.visitId, params.bookingId));
