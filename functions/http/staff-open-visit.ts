import { counterRoutes } from '../../shared/contract/routes/counter';
import { openVisit } from '../domain/visits';
import { handle } from './route';

/** A scan of the member code opens a visit at the clerk's store. (counterRoutes.staffOpenVisit) */
export const handler = handle(counterRoutes.staffOpenVisit, ({ caller, body }) => openVisit(caller, body.code));
