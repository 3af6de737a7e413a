import { memberRoutes } from '../../shared/contract/routes/member';
import { memberLedger } from '../domain/ledger';
import { handle } from './route';

/** The caller's own points history, newest first. (memberRoutes.meLedger) */
export const handler = handle(memberRoutes.meLedger, ({ caller, query }) => memberLedger(caller.memberId, query.limit, query.cursor));
