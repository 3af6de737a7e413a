import { routes } from '../../shared/contract/routes';
import { openVisit } from '../domain/visits';
import { handle } from './route';

/** A scan of the member code opens a visit at the clerk's store. (routes.staffOpenVisit) */
export const handler = handle(routes.staffOpenVisit, ({ caller, body }) => openVisit(caller, body.code));
