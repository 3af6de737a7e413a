import { TemplatePath, TemplateStatusRequest } from '../../shared/schemas/coupons';
import { changeTemplateStatus } from '../domain/coupon-admin';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

/** POST /v1/admin/coupon-templates/{templateId}/status {status} — pause, resume or end (final). */
export const handler = api(async (req) => {
  const { templateId } = req.path(TemplatePath);
  const { status } = req.body(TemplateStatusRequest);
  const staff = await staffCaller(req);
  return ok(await changeTemplateStatus(staff, templateId, status));
});
