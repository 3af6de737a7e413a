import { runReminderJob } from '../domain/campaigns/jobs';
import { scheduled } from './scheduled';

/** Every 15 minutes: reminders for bookings starting in about two hours, to members who accepted. */
export const handler = scheduled('reminders', () => runReminderJob());
