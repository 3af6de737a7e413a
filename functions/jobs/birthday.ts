import { runBirthdayJob } from '../domain/campaigns/jobs';
import { scheduled } from './scheduled';

/** Daily at 09:00 Asia/Shanghai: birthday coupons and messages for today's birthdays. */
export const handler = scheduled('birthday', () => runBirthdayJob());
