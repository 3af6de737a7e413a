import { routes } from '../../shared/contract/routes';
import { memberLedger } from '../domain/ledger';
import { handle } from './route';

/** The caller's own points history, newest first. (routes.meLedger) */
export const handler = handle(routes.meLedger, ({ caller, query }) => memberLedger(caller.memberId, query.limit, query.cursor));
