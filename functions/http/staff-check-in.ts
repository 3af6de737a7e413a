import { routes } from '../../shared/contract/routes';
import { checkIn } from '../domain/booking-staff';
import { handle } from './route';

/** After a scan, at that store. (routes.staffCheckIn) */
export const handler = handle(routes.staffCheckIn, ({ caller, params }) => checkIn(caller, params.visitId, params.bookingId));
