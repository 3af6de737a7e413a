import { counterRoutes } from '../../shared/contract/routes/counter';
import { openVisit } from '../domain/visits';
import { handleStaffAlongside } from './route';

/**
 * A scan of the member code opens a visit at the clerk's store. (counterRoutes.staffOpenVisit) The
 * scan reads the member number beside the clerk's staff record (README § Sequential depth).
 */
export const handler = handleStaffAlongside(counterRoutes.staffOpenVisit, ({ caller, body }) => openVisit(caller, body.code));
