import { ProfileUpdate } from '../../shared/schemas/pushes';
import { updateProfile } from '../domain/profile';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** PUT /v1/me/profile {nickname?, birthday?} — the member corrects their data. */
export const handler = api(async (req) => {
  const update = req.body(ProfileUpdate);
  const { memberId } = await memberCaller(req);
  return ok(await updateProfile(memberId, update));
});
