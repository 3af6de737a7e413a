/**
 * The booking reminder is a WeChat subscribe message: each one-time acceptance allows one send.
 * On WeChat the member is asked in the confirm tap (WeChat requires a tap to show the prompt); a
 * missing template id, a refusal or any failure books anyway, without a reminder. The acceptance
 * travels with the booking (`reminderAccepted`): it is that booking's one reminder.
 */
import { askForSubscriptions } from './subscribe';

/** From the build (config/index.ts, env TONGKA_BOOKING_REMINDER_TEMPLATE_ID); '' = do not ask. */
export const REMINDER_TEMPLATE_ID: string = typeof TONGKA_BOOKING_REMINDER_TEMPLATE_ID === 'string' ? TONGKA_BOOKING_REMINDER_TEMPLATE_ID : '';

/** WeChat's prompt for the reminder template; true only when the member accepted it. */
export async function askForReminder(templateId = REMINDER_TEMPLATE_ID): Promise<boolean> {
  const answers = await askForSubscriptions([templateId], '预约提醒');
  return answers[templateId] === 'accept';
}
