/**
 * WeChat subscribe messages: each one-time acceptance of a template allows one later send of it.
 * WeChat shows its prompt only from a tap, so callers fetch the template ids beforehand and call
 * `askForSubscriptions` first thing in the tap handler, before anything else is awaited.
 *
 * The H5 build has no WeChat: a modal with the same choice stands in for WeChat's prompt, so the
 * browser demo and its tests walk the same path (the answers go to the same API route).
 */
import Taro from '@tarojs/taro';
import type { MessageTemplates, Profile } from '../../../shared/api';
import { recordSubscriptions } from '../api/pushes';

export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** What the member answered per template id; {} when nothing could be asked (no ids, or the prompt failed). */
export async function askForSubscriptions(templateIds: string[], purpose: string): Promise<Record<string, SubscribeAnswer>> {
  const ids = templateIds.filter(Boolean).slice(0, 3);
  if (ids.length === 0) return {};
  if (!isWeapp) {
    const { confirm } = await Taro.showModal({
      title: '订阅消息',
      content: `允许通卡向你发送${purpose}？每次允许可收到一次。`,
      confirmText: '允许',
      cancelText: '取消',
    });
    return Object.fromEntries(ids.map((id) => [id, confirm ? 'accept' : 'reject']));
  }
  if (typeof Taro.requestSubscribeMessage !== 'function') return {};
  try {
    // Taro's type wants Alipay's entityIds too; WeChat takes tmplIds alone.
    const result = (await Taro.requestSubscribeMessage({ tmplIds: ids } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>;
    const answers: Record<string, SubscribeAnswer> = {};
    for (const id of ids) {
      const answer = result[id];
      if (answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter') answers[id] = answer;
    }
    return answers;
  } catch {
    // The member closed the prompt, or switched subscriptions off in WeChat's settings: nothing accepted.
    return {};
  }
}

/**
 * 生日礼遇和优惠提醒: the birthday and comeback templates in one prompt, the answers recorded
 * (each accept is one credit). null when nothing could be asked.
 */
export async function subscribeToOffers(templates: MessageTemplates): Promise<{ profile: Profile; accepted: boolean } | null> {
  const answers = await askForSubscriptions([templates.birthday, templates.reactivation], '生日礼遇和优惠提醒');
  if (Object.keys(answers).length === 0) return null;
  const profile = await recordSubscriptions(answers);
  return { profile, accepted: Object.values(answers).includes('accept') };
}
