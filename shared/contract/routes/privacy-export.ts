/** 导出我的数据 (PIPL art. 45): the member's own copy of their data as one JSON document. One declaration per route (README § API). */
import { ExportDocument } from '../../schemas/export';
import { defineRoute } from '../define';

export const privacyExportRoutes = {
  meExport: defineRoute({
    method: 'POST',
    path: '/v1/me/export',
    tag: 'member',
    summary:
      '导出我的数据: everything the chain keeps about the member (profile, phone, birthday, consents, ledger, bills, coupons, bookings, visits, segment and tags, access log, subscriptions) as one JSON document',
    description:
      'The document is versioned (`schemaVersion`) and described by this response schema. At most a few exports per member per Shanghai day (429 `rate_limited` with Retry-After; TONGKA_EXPORTS_PER_DAY, default 3). A retry with the same Idempotency-Key answers the same export and is not counted again (a very large document is built again instead of replayed). Each export is audited in the member’s 访问记录 (`data_export`, 本人操作). Its cost follows the member’s own items: one query of their partition and a BatchGet of their bills.',
    access: 'member',
    idempotent: true,
    response: ExportDocument,
    errors: ['member_not_found'],
  }),
};
