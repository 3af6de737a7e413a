import { OpenVisitRequest } from '../../shared/schemas/staff';
import { openVisit } from '../domain/visits';
import { api, json } from '../lib/http';
import { staffCaller } from './caller';

/** POST /v1/staff/visits — a scan of the member code opens a visit at the clerk's store. */
export const handler = api(async (req) => {
  const { code } = req.body(OpenVisitRequest);
  const staff = await staffCaller(req);
  return json(201, await openVisit(staff, code));
});
