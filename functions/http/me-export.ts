import { privacyExportRoutes } from '../../shared/contract/routes/privacy-export';
import { exportMyData } from '../domain/export';
import { handle } from './route';

/** 导出我的数据: the member's whole record as one JSON document, a few per day, audited. (privacyExportRoutes.meExport) */
export const handler = handle(privacyExportRoutes.meExport, ({ caller, idempotencyKey }) => exportMyData(caller.memberId, idempotencyKey));
