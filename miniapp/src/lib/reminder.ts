/**
 * The booking reminder is a WeChat subscribe message: each one-time acceptance allows one send.
 * On WeChat the member is asked in the confirm tap (WeChat requires a tap to show the prompt); a
 * missing template id, a refusal or any failure books anyway, without a reminder.
 */
import Taro from '@tarojs/taro';

/** From the build (config/index.ts, env TONGKA_BOOKING_REMINDER_TEMPLATE_ID); '' = do not ask. */
export const REMINDER_TEMPLATE_ID: string =
  typeof TONGKA_BOOKING_REMINDER_TEMPLATE_ID === 'string' ? TONGKA_BOOKING_REMINDER_TEMPLATE_ID : '';

/** WeChat's prompt for the reminder template; true only when the member accepted it. */
export async function askForReminder(templateId = REMINDER_TEMPLATE_ID): Promise<boolean> {
  if (!templateId || typeof Taro.requestSubscribeMessage !== 'function') return false;
  try {
    // Taro's type wants Alipay's entityIds too; WeChat takes tmplIds alone.
    const result = await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as Taro.requestSubscribeMessage.Option);
    return (result as Record<string, unknown>)[templateId] === 'accept';
  } catch {
    return false;
  }
}
