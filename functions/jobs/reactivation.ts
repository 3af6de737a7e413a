import { runReactivationJob } from '../domain/campaigns/jobs';
import { scheduled } from './scheduled';

/** Daily at 09:00 Asia/Shanghai: comeback coupons and messages for members newly at risk or dormant. */
export const handler = scheduled('reactivation', (scheduledAt) => runReactivationJob({ now: scheduledAt }));
