import { runBirthdayJob } from '../domain/campaigns/jobs';
import { scheduled } from './scheduled';

/**
 * Daily at 09:00 Asia/Shanghai: birthday coupons and messages for today's birthdays — the day of
 * the schedule's event, so a run replayed from the dead-letter queue later serves its own day.
 */
export const handler = scheduled('birthday', (scheduledAt) => runBirthdayJob({ now: scheduledAt }));
